package diag

func init() {
	registerText(map[string][2]string{
		"err.prefix":           {"lỗi", "error"},
		"args.none":            {"%s không nhận đối số (thừa: %s)", "%s takes no arguments (extra: %s)"},
		"args.min":             {"%s cần ít nhất %d đối số (có %d)", "%s needs at least %d argument(s) (got %d)"},
		"args.max":             {"%s nhận nhiều nhất %d đối số (có %d)", "%s takes at most %d argument(s) (got %d)"},
		"args.flag":            {"cờ lạ %s", "unknown flag %s"},
		"args.flag.suggest":    {"cờ lạ %s; có phải ý bạn là %s?", "unknown flag %s; did you mean %s?"},
		"args.command":         {"lệnh lạ %q", "unknown command %q"},
		"args.command.suggest": {"lệnh lạ %q; có phải ý bạn là: %s?", "unknown command %q; did you mean: %s?"},
		"err.stdout.closed":    {"--json: đầu ra chuẩn (stdout) đã bị đóng, kết quả JSON sẽ mất: không chạy. Chuyển stdout vào một tệp (> ket-qua.json) hoặc bỏ --json", "--json: standard output is closed and the JSON result would be lost: not run. Redirect stdout to a file (> result.json) or drop --json"},
		"err.quietverbose":     {"chỉ chọn một trong hai: -q (chỉ in lỗi) hoặc -v (in chi tiết)", "choose one: -q (errors only) or -v (verbose)"},
		"err.usage":            {"lỗi cú pháp lệnh: %s\nXem: %s --help", "usage error: %s\nSee: %s --help"},
		"err.config.unknown":   {"%s:%d: khóa cấu hình không hợp lệ %q (kiểm tra chính tả; xem thidua init để có tệp mẫu)", "%s:%d: unknown configuration key %q (check the spelling; thidua init writes an example)"},
		"err.config.read":      {"không đọc được tệp cấu hình %s: %v", "cannot read the configuration file %s: %v"},
		"err.config.yaml":      {"tệp cấu hình %s không đúng cú pháp YAML: %v", "the configuration file %s is not valid YAML: %v"},
		"err.option.value":     {"%s: giá trị %q không hợp lệ cho %s (dùng %s)", "%s: bad value %q for %s (use %s)"},
		"err.config.value":     {"%s: giá trị không hợp lệ cho %s: %v", "%s: bad value for %s: %v"},
		"err.config.none": {"không tìm thấy tệp cấu hình thidua.yaml (ở thư mục hiện tại và trong %s): không thể dùng bảng tiêu chí, cơ quan và danh sách đơn vị mẫu thay cho của đơn vị mình.\n  Tạo tệp cấu hình:   thidua init   (rồi sửa thidua.yaml)\n  Chỉ ra tệp đã có:   thidua --config ĐƯỜNG/DẪN/thidua.yaml …   hoặc biến môi trường THIDUA_CONFIG\n  Cố ý dùng bảng mẫu: thidua --no-config …",
			"no configuration file thidua.yaml found (in the current directory nor in %s): the example criteria table, agency and roster will not stand in for yours.\n  Make one:              thidua init   (then edit thidua.yaml)\n  Name the one you have: thidua --config PATH/thidua.yaml …   or THIDUA_CONFIG\n  Use the example:       thidua --no-config …"},
		"err.config.missing": {"không tìm thấy tệp cấu hình %s", "configuration file %s not found"},
		"err.config.invalid": {"%s: cấu hình không hợp lệ: %s", "%s: invalid configuration: %s"},
		"err.lang":           {"ngôn ngữ %q không hỗ trợ (dùng vi hoặc en)", "language %q is not supported (use vi or en)"},
		"err.period":         {"kỳ báo cáo --period %q không hợp lệ (dùng 2026-Q3, 2026-H1, 2026 hoặc \"Quý III/2026\")", "--period %q is not a period (use 2026-Q3, 2026-H1, 2026 or \"Q3/2026\")"},
		"err.logformat":      {"định dạng nhật ký %q không hỗ trợ (dùng text hoặc json)", "log format %q is not supported (use text or json)"},
		"init.exists":        {"%s đã tồn tại; dùng --force để ghi đè", "%s already exists; use --force to overwrite"},
		"init.wrote":         {"đã ghi %s — hãy sửa tên cơ quan, người ký, danh sách đơn vị và bảng tiêu chí cho phù hợp", "wrote %s — edit the organisation, signer, roster and criteria table to fit"},
		"notyet":             {"lệnh %q chưa được xây dựng trong phiên bản này", "command %q is not built in this version yet"},
		"completion.shell":   {"shell %q không hỗ trợ (dùng bash, zsh, fish hoặc powershell)", "shell %q is not supported (use bash, zsh, fish or powershell)"},
		"interrupted":        {"đã dừng theo yêu cầu; không để lại tệp kết quả dở dang", "interrupted; no partial output left behind"},
	})
}

func init() {
	registerText(map[string][2]string{
		"report.nopaths":        {"hãy chỉ ra tệp hoặc thư mục chứa phiếu (ví dụ: thidua report phieu/), hoặc dùng --demo", "name the form files or folders (e.g. thidua report forms/), or use --demo"},
		"report.demoargs":       {"--demo không nhận thêm đường dẫn", "--demo takes no paths"},
		"report.campaign":       {"bảng tiêu chí trong %s có lỗi (xem ở trên; kiểm tra bằng: thidua campaign check); không ghi tệp nào", "the criteria table in %s has errors (above; check with: thidua campaign check); nothing was written"},
		"report.nopath":         {"không tìm thấy %s", "%s does not exist"},
		"report.demo":           {"đã ghi bộ phiếu mẫu vào %s", "wrote the demo forms into %s"},
		"report.review":         {"không đọc được bảng thẩm định %s: %v", "cannot read the review workbook %s: %v"},
		"report.previous.later": {"kết quả kỳ trước %s là của kỳ %s, không trước %s: --previous phải là kết quả của một kỳ trước kỳ báo cáo", "the earlier result %s is for %s, which is not before %s: --previous must be the result of an earlier period"},
		"json.notjson":          {"không phải kết quả JSON của thidua (%s): tệp không phải JSON (sai từ byte %d). Dùng tệp ket-qua-<kỳ>.json do thidua report ghi", "not a thidua JSON result (%s): the file is not JSON (wrong from byte %d). Use the ket-qua-<period>.json that thidua report wrote"},
		"json.notobject":        {"không phải kết quả JSON của thidua: tệp là JSON nhưng không phải một đối tượng có \"schema\": %q", "not a thidua JSON result: the file is JSON but not an object with \"schema\": %q"},
		"json.noschema":         {"không phải kết quả JSON của thidua: thiếu \"schema\": %q (dùng tệp ket-qua-<kỳ>.json do thidua report ghi)", "not a thidua JSON result: it has no \"schema\": %q (use the ket-qua-<period>.json that thidua report wrote)"},
		"json.otherschema":      {"không phải kết quả JSON của thidua: schema là %q, cần %q (dùng tệp ket-qua-<kỳ>.json do thidua report ghi)", "not a thidua JSON result: its schema is %q, want %q (use the ket-qua-<period>.json that thidua report wrote)"},
		"json.badfield":         {"kết quả %s có trường không đọc được: %v", "a %s result with a field that does not read: %v"},
		"report.review.unknown": {"%s không cho biết được lập cho kỳ nào, bảng tiêu chí nào (không có trang ẩn _thidua_ketqua của bảng tổng hợp do thidua ghi): hãy dùng bảng tong-hop-<kỳ>.xlsx mà lệnh thidua report của kỳ này đã ghi, để Hội đồng điền trang Thẩm định", "%s does not say which period and criteria table it was made for (no hidden _thidua_ketqua sheet of a thidua workbook): use the tong-hop-<period>.xlsx that thidua report wrote for this period, with the council's edits in its Thẩm định sheet"},
		"report.review.table":   {"bảng thẩm định %s được lập cho bảng tiêu chí khác (phong trào %s, dấu vân tay %s), không phải bảng đang cấu hình (phong trào %s, dấu vân tay %s): không dùng. Chạy lại thidua report với bảng tiêu chí hiện tại rồi thẩm định lại", "the review workbook %s was made for another criteria table (campaign %s, fingerprint %s), not the configured one (campaign %s, fingerprint %s): not used. Run thidua report with the current table and review again"},
		"report.review.period":  {"bảng thẩm định %s được lập cho %s, không phải kỳ báo cáo %s: không dùng (điểm thẩm định của kỳ khác sẽ làm sai báo cáo). Dùng bảng tổng hợp của đúng kỳ", "the review workbook %s was made for %s, not the period reported on (%s): not used (another period's review would make the report wrong). Use the workbook of this period"},
		"report.review.unused":  {"bảng thẩm định %s (lập cho %s) không áp dụng được vào kỳ nào được chấm từ phiếu trong lần chạy này: điểm thẩm định chỉ sửa được điểm của phiếu. Với kỳ 6 tháng hoặc năm, hãy thẩm định bảng tổng hợp của từng quý (mỗi quý một --review) và chạy kèm phiếu của quý đó; kết quả JSON của quý không sửa được", "the review workbook %s (made for %s) applies to no period scored from forms in this run: a review changes the scores of forms. For a half year or a year, review each quarter's workbook (one --review per quarter) and run with that quarter's forms; a quarter's JSON result cannot be changed"},
		"report.review.twice":   {"--review %s và %s cùng được lập cho %s: mỗi kỳ chỉ một bảng thẩm định", "--review %s and %s were both made for %s: one review workbook per period"},
		"report.previous":       {"không đọc được kết quả kỳ trước %s: %v", "cannot read the earlier result %s: %v"},
		"report.overwrite":      {"tệp kết quả %s trùng với một tệp đầu vào; hãy chọn thư mục kết quả khác (-o)", "output %s would overwrite an input; choose another output directory (-o)"},
		"report.outdir":         {"không ghi được vào thư mục kết quả %s: %v (kiểm tra quyền ghi và dung lượng đĩa); không ghi tệp nào", "cannot write into the output directory %s: %v (check permissions and free space); nothing was written"},
		"report.write":          {"ghi kết quả vào %s thất bại: %v; không để lại tệp dở dang", "writing the outputs into %s failed: %v; no partial file left"},
		"report.summary":        {"%d tệp: %d đã chấm, %d bị loại, %d bỏ qua, %d trùng; %d đơn vị chưa nộp, %d nộp muộn — %s", "%d files: %d scored, %d rejected, %d skipped, %d duplicates; %d units missing, %d late — %s"},
		"report.outinside":      {"thư mục kết quả %s nằm trong thư mục phiếu %s: lần chạy sau sẽ đọc lại kết quả như một phiếu. Hãy chọn -o ở ngoài (ví dụ thidua-out)", "the output directory %s is inside the form folder %s: the next run would read the outputs back as forms. Choose an -o outside it (e.g. thidua-out)"},
		"report.noforms":        {"không tìm thấy phiếu chấm điểm nào (tệp .xlsx, .xlsm, .xls) trong %s: không ghi gì. Kiểm tra lại thư mục; để báo cáo kỳ mà mọi đơn vị đều chưa nộp, dùng --period", "no scoring form (.xlsx, .xlsm, .xls file) found in %s: nothing written. Check the folder; to report a period in which every unit is missing, give --period"},
		"report.removed":        {"đã xóa kết quả cũ %s (lần chạy này không ghi lại)", "removed the earlier output %s (this run did not write it again)"},
		"validate.noforms":      {"không tìm thấy phiếu chấm điểm nào (tệp .xlsx, .xlsm, .xls) trong %s", "no scoring form (.xlsx, .xlsm, .xls file) found in %s"},
		"report.outisinput":     {"thư mục kết quả %s cũng là thư mục phiếu: hãy chọn thư mục khác cho -o (ví dụ thidua-out)", "the output directory %s is also a form directory: choose another -o (e.g. thidua-out)"},
		"report.noperiod":       {"không có phiếu nào ghi kỳ báo cáo: lấy kỳ %s (quý đã kết thúc trước ngày báo cáo); dùng --period để chọn kỳ khác", "no form names its period: using %s (the last quarter ended before the report date); use --period to choose"},
		"report.narrative":      {"không đọc được mẫu lời văn báo cáo %s (khóa narrative trong thidua.yaml): %v; sửa đường dẫn hoặc bỏ khóa này để dùng mẫu có sẵn", "cannot read the narrative template %s (key narrative in thidua.yaml): %v; fix the path or remove the key to use the built-in one"},
		"report.wrote":          {"đã ghi %s", "wrote %s"},
		"report.notes":          {"(và %d ô khác đã chuyển từ phông chữ cũ sang Unicode: xem sheet Kiểm tra hoặc chạy lại với -v)", "(and %d more cells converted from legacy fonts to Unicode: see the Kiểm tra sheet or rerun with -v)"},
		"report.jsonperiod":     {"kết quả JSON của các quý chỉ dùng để tổng hợp kỳ dài hơn: thêm --period 2026-H1 hoặc --period 2026", "earlier JSON results only roll up into a longer period: add --period 2026-H1 or --period 2026"},
	})
}

func init() {
	register(map[string]entry{
		"TD321": {Error, "kỳ báo cáo %q của phiếu không phải là một quý thuộc %s: không xếp được phiếu vào quý nào (ghi rõ kỳ, ví dụ \"Quý I/2026\")", "the form's period %q is not a quarter of %s: it cannot be placed in a quarter (write the quarter, e.g. \"2026-Q1\")"},
		"TD322": {Error, "không đọc được kết quả JSON: %v", "cannot read the JSON result: %v"},
	})
}
