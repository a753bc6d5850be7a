package diag

func init() {
	registerText(map[string][2]string{
		"err.prefix":         {"lỗi", "error"},
		"err.usage":          {"lỗi cú pháp lệnh: %s\nXem: %s --help", "usage error: %s\nSee: %s --help"},
		"err.config.unknown": {"%s:%d: khóa cấu hình không hợp lệ %q (kiểm tra chính tả; xem thidua init để có tệp mẫu)", "%s:%d: unknown configuration key %q (check the spelling; thidua init writes an example)"},
		"err.config.read":    {"không đọc được tệp cấu hình %s: %v", "cannot read the configuration file %s: %v"},
		"err.config.yaml":    {"tệp cấu hình %s không đúng cú pháp YAML: %v", "the configuration file %s is not valid YAML: %v"},
		"err.config.value":   {"%s: giá trị không hợp lệ cho %s: %v", "%s: bad value for %s: %v"},
		"err.config.missing": {"không tìm thấy tệp cấu hình %s", "configuration file %s not found"},
		"err.config.invalid": {"%s: cấu hình không hợp lệ: %s", "%s: invalid configuration: %s"},
		"err.lang":           {"ngôn ngữ %q không hỗ trợ (dùng vi hoặc en)", "language %q is not supported (use vi or en)"},
		"err.logformat":      {"định dạng nhật ký %q không hỗ trợ (dùng text hoặc json)", "log format %q is not supported (use text or json)"},
		"init.exists":        {"%s đã tồn tại; dùng --force để ghi đè", "%s already exists; use --force to overwrite"},
		"init.wrote":         {"đã ghi %s — hãy sửa tên cơ quan, người ký, danh sách đơn vị và bảng tiêu chí cho phù hợp", "wrote %s — edit the organisation, signer, roster and criteria table to fit"},
		"notyet":             {"lệnh %q chưa được xây dựng trong phiên bản này", "command %q is not built in this version yet"},
		"completion.shell":   {"shell %q không hỗ trợ (dùng bash, zsh, fish hoặc powershell)", "shell %q is not supported (use bash, zsh, fish or powershell)"},
		"interrupted":        {"đã dừng theo yêu cầu; không để lại tệp kết quả dở dang", "interrupted; no partial output left behind"},
	})
}
