package diag

// Codes of the unit form: TD1xx files and workbooks, TD2xx cells.
func init() {
	register(map[string]entry{
		// Files and workbooks.
		"TD101": {Error, "tệp rỗng (0 byte): hãy yêu cầu đơn vị gửi lại phiếu", "the file is empty (0 bytes): ask the unit to send the form again"},
		"TD102": {Error, "tệp không phải là bảng tính Excel (.xlsx, .xlsm, .xls): hãy yêu cầu đơn vị gửi đúng tệp phiếu chấm điểm", "the file is not an Excel workbook (.xlsx, .xlsm, .xls): ask the unit for the scoring form itself"},
		"TD103": {Error, "bảng tính có mật khẩu: hãy gỡ mật khẩu (File > Info > Protect Workbook) rồi gửi lại", "the workbook is password-protected: remove the password (File > Info > Protect Workbook) and send it again"},
		"TD104": {Error, "tệp bị hỏng hoặc không trọn vẹn (không mở được phần %s của tệp): hãy mở thử bằng Excel, lưu lại rồi gửi lại", "the file is damaged or incomplete (its %s container cannot be opened): open it in Excel, save it again and resend"},
		"TD105": {Error, "tệp giải nén ra quá lớn (%s, giới hạn %s): tệp có thể bị hỏng hoặc độc hại, không đọc", "the file unpacks to too much data (%s, limit %s): it may be damaged or malicious and was not read"},
		"TD106": {Error, "không đọc được bảng tính: %s", "cannot read the workbook: %s"},
		"TD107": {Error, "không có trang tính \"Chấm điểm\" (các trang có trong tệp: %s): hãy dùng đúng mẫu phiếu", "no \"Chấm điểm\" sheet (the file has: %s): use the form as handed out"},
		"TD108": {Error, "không tìm thấy dòng tiêu đề có cột \"Mã\" và cột \"Tự chấm\" trong 20 dòng đầu: đừng xóa hoặc đổi tên các cột của mẫu phiếu", "no header row with the columns \"Mã\" and \"Tự chấm\" in the first 20 rows: do not delete or rename the form's columns"},
		"TD109": {Error, "tệp quá lớn (%s, giới hạn %s): phiếu chấm điểm thường chỉ vài chục KB", "the file is too large (%s, limit %s): a scoring form is usually a few dozen KB"},
		"TD110": {Error, "phiếu được lập cho bảng tiêu chí khác (dấu vân tay %s, bảng tiêu chí đang dùng %s): hãy gửi cho đơn vị mẫu phiếu mới (thidua template) để chấm lại", "the form was made for another criteria table (fingerprint %s, configured table %s): hand the unit a new form (thidua template)"},
		"TD111": {Warning, "phiếu ghi phong trào %q, khác phong trào đang chấm %q", "the form names the campaign %q, not the configured campaign %q"},
		"TD112": {Note, "bỏ qua tệp khóa tạm của Office/LibreOffice (%s)", "skipped an Office/LibreOffice lock file (%s)"},
		"TD113": {Note, "bỏ qua tệp ẩn (%s)", "skipped a hidden file (%s)"},
		"TD114": {Note, "bỏ qua thư mục kết quả (%s)", "skipped the output directory (%s)"},
		"TD115": {Error, "không đọc được tệp: %s", "cannot read the file: %s"},
		"TD116": {Error, "không tìm thấy tệp hoặc thư mục %s", "no such file or directory: %s"},
		"TD117": {Warning, "phiên bản mẫu phiếu %q không được hỗ trợ (mong đợi %q): phiếu vẫn được đọc theo tiêu đề cột", "form format %q is not supported (expected %q): the form is still read by its headers"},
		"TD118": {Error, "tệp theo định dạng Excel 5.0/95 quá cũ: hãy mở bằng Excel hoặc LibreOffice, lưu thành .xlsx rồi gửi lại", "the file is in the old Excel 5.0/95 format: open it in Excel or LibreOffice, save it as .xlsx and send it again"},
		// Cells.
		"TD201": {Error, "thiếu tên đơn vị: hãy ghi tên đơn vị vào ô bên phải nhãn \"Đơn vị\" ở trang \"Thông tin\"", "the unit name is missing: write it right of the label \"Đơn vị\" on the \"Thông tin\" sheet"},
		"TD202": {Warning, "tiêu chí %s chưa chấm điểm tự chấm (tính 0 điểm)", "criterion %s has no self-score (counts 0)"},
		"TD203": {Error, "cột %q của tiêu chí %s ghi %q, không phải là số: hãy ghi số, ví dụ 8 hoặc 8,5", "column %q of criterion %s reads %q, which is not a number: write a number such as 8 or 8,5"},
		"TD204": {Error, "điểm tự chấm %s vượt điểm tối đa %s (tiêu chí %s)", "self-score %s is above the maximum %s (criterion %s)"},
		"TD205": {Error, "điểm thẩm định %s vượt điểm tối đa %s (tiêu chí %s)", "review score %s is above the maximum %s (criterion %s)"},
		"TD206": {Error, "điểm tự chấm %s nhỏ hơn 0 (tiêu chí %s)", "self-score %s is below 0 (criterion %s)"},
		"TD207": {Error, "điểm thẩm định %s nhỏ hơn 0 (tiêu chí %s)", "review score %s is below 0 (criterion %s)"},
		"TD208": {Warning, "mã %q không có trong bảng tiêu chí: dòng này bị bỏ qua", "code %q is not in the criteria table: the row is ignored"},
		"TD209": {Warning, "cột %q của dòng %s ghi %s, khác tổng các dòng con %s (điểm được tính từ các dòng con)", "column %q of row %s reads %s, not the sum of its children %s (the children's scores count)"},
		"TD210": {Warning, "không đọc được kỳ báo cáo %q (ví dụ cách ghi: Quý III/2026, 6 tháng đầu năm 2026, Năm 2026)", "cannot read the period %q (write e.g. Quý III/2026, 6 tháng đầu năm 2026, Năm 2026)"},
		"TD211": {Warning, "không đọc được ngày lập %q (ghi theo dạng ngày/tháng/năm, ví dụ 05/10/2026)", "cannot read the date %q (write it as day/month/year, e.g. 05/10/2026)"},
		"TD212": {Note, "đã chuyển chữ phông %s (%s) sang Unicode: %q", "converted text in the %s font (%s) to Unicode: %q"},
		"TD213": {Warning, "ô công thức %s của tiêu chí %s không tính được (%s): tính như ô trống", "the formula %s of criterion %s cannot be calculated (%s): counted as blank"},
		"TD214": {Warning, "cột %q của tiêu chí %s có quá hai chữ số thập phân, đã làm tròn thành %s", "column %q of criterion %s has more than two decimals, rounded to %s"},
		"TD215": {Warning, "mã %s xuất hiện lại ở dòng %d: chỉ lấy dòng đầu tiên", "code %s appears again on row %d: only the first row counts"},
		"TD218": {Warning, "phiếu chưa có điểm tự chấm nào (%d tiêu chí để trống, tính 0 điểm): đơn vị đã gửi phiếu trắng?", "the form has no self-score at all (%d criteria blank, counted 0): did the unit send a blank form?"},
		"TD216": {Warning, "phiếu thiếu dòng tiêu chí %s (tính 0 điểm)", "the form has no row for criterion %s (counts 0)"},
		// Hostile or unusual files (issue 8).
		"TD119": {Error, "tệp là tệp nén .zip chứa %s, không phải là bảng tính: hãy giải nén rồi đưa tệp bên trong vào thư mục phiếu", "the file is a .zip archive holding %s, not a workbook: extract it and put the file inside into the forms folder"},
		"TD219": {Warning, "ô công thức %s của tiêu chí %s không được tính (công thức chỉ được dùng số, phép tính và các hàm SUM, ROUND, MIN, MAX, IF… trên các ô của cùng trang, không liên kết tới tệp hoặc trang khác, không dùng cả cột): tính như ô trống, hãy ghi điểm bằng số", "the formula %s of criterion %s is not calculated (a score formula may only use numbers, arithmetic and SUM, ROUND, MIN, MAX, IF… over cells of the same sheet, with no link to another file or sheet and no whole column): counted as blank, write the score as a number"},
	})
	registerText(map[string][2]string{
		"validate.summary":     {"đã kiểm tra %d tệp: %d hợp lệ, %d bị loại, %d bỏ qua, %d trùng", "checked %d files: %d valid, %d rejected, %d skipped, %d duplicates"},
		"template.wrote":       {"đã ghi phiếu %s", "wrote the form %s"},
		"template.wrote.n":     {"đã ghi %d phiếu vào %s", "wrote %d forms into %s"},
		"template.perunit":     {"--per-unit cần --outdir DIR", "--per-unit needs --outdir DIR"},
		"template.nounits":     {"cấu hình chưa có đơn vị nào (units) để tạo phiếu riêng", "the configuration has no units to make forms for"},
		"template.badperiod":   {"kỳ báo cáo %q không hợp lệ (ví dụ: 2026-Q3, 2026-H1, 2026)", "period %q is not valid (e.g. 2026-Q3, 2026-H1, 2026)"},
		"template.exists":      {"%s đã tồn tại; dùng --force để ghi đè", "%s already exists; use --force to overwrite"},
		"template.outconflict": {"-o và --per-unit không dùng cùng nhau", "-o and --per-unit cannot be used together"},
	})
}
