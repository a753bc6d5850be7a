#!/usr/bin/python3
"""The peer of scripts/bench.sh: the plain openpyxl script an office's IT
person writes instead of thidua. It reads every .xlsx form under the given
directory (read-only, cached values), finds the unit's name on the info
sheet and the self-score column on the scoring sheet, adds up the leaf rows
(deductions subtracted), ranks the units and writes one summary workbook.

    /usr/bin/python3 scripts/peer.py FORMS_DIR OUT.xlsx

Written to be fair to the peer: read_only=True and data_only=True are the
fast way to read with openpyxl; there are no checks, no PDF and no JSON.
"""
import os
import sys

import openpyxl


def norm(v):
    return str(v).strip().lower() if v is not None else ""


def read_form(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        unit = None
        for ws in wb.worksheets:
            for row in ws.iter_rows(max_row=40, values_only=True):
                for i, v in enumerate(row):
                    if norm(v).rstrip(":") == "đơn vị" and i + 1 < len(row) and row[i + 1]:
                        unit = str(row[i + 1]).strip()
                        break
                if unit:
                    break
            if unit:
                break
        rows = []
        for ws in wb.worksheets:
            code_col = self_col = None
            for row in ws.iter_rows(values_only=True):
                if self_col is None:
                    for i, v in enumerate(row):
                        t = norm(v)
                        if t in ("mã", "stt", "mã số"):
                            code_col = i
                        if "tự chấm" in t:
                            self_col = i
                    continue
                if code_col is None or code_col >= len(row) or self_col >= len(row):
                    continue
                code, val = row[code_col], row[self_col]
                if code is None:
                    continue
                if isinstance(val, str):
                    try:
                        val = float(val.replace(",", "."))
                    except ValueError:
                        val = None
                rows.append((str(code).strip().rstrip("."), val))
            if self_col is not None:
                break
    finally:
        wb.close()
    codes = [c for c, _ in rows]
    total = 0.0
    for code, val in rows:
        if not isinstance(val, (int, float)):
            continue
        if any(c.startswith(code + ".") for c in codes):
            continue  # a parent row: its children are counted
        total += -abs(val) if code.upper().startswith("D") else val
    return unit or os.path.basename(path), total


def main():
    src, out = sys.argv[1], sys.argv[2]
    results = []
    for dirpath, _, names in os.walk(src):
        for n in sorted(names):
            if n.lower().endswith(".xlsx") and not n.startswith("~$"):
                p = os.path.join(dirpath, n)
                try:
                    unit, total = read_form(p)
                except Exception as e:  # noqa: BLE001 - a peer script skips bad files
                    print(f"{p}: {e}", file=sys.stderr)
                    continue
                results.append((unit, n, total))
    results.sort(key=lambda r: -r[2])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    ws.append(["STT", "Đơn vị", "Tệp", "Tổng điểm", "Xếp hạng"])
    for i, (unit, name, total) in enumerate(results, 1):
        ws.append([i, unit, name, round(total, 2), i])
    wb.save(out)
    print(f"{len(results)} forms")


if __name__ == "__main__":
    main()
