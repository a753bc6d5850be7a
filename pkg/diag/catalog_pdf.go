package diag

func init() {
	register(map[string]entry{
		"TD531": {Warning, "văn bản %q có ký tự mà phông chữ của báo cáo PDF (Liberation Serif) không vẽ được: %s — trong PDF đã thay bằng %q (bảng tính, tệp Word, JSON và CSV vẫn giữ nguyên). Nếu cần in đúng, hãy sửa văn bản này trong tệp cấu hình hoặc trong phiếu chấm điểm", "the text %q has characters that the PDF report's font (Liberation Serif) cannot draw: %s — the PDF shows %q instead (the workbook, the Word document, JSON and CSV keep them). To print it right, edit this text in the configuration file or in the scoring form"},
	})
	registerText(map[string][2]string{
		"pdf.template": {"mẫu lời văn báo cáo (narrative template) có lỗi: %v — sửa tệp mẫu hoặc bỏ tùy chọn mẫu riêng để dùng mẫu có sẵn", "the report's narrative template has an error: %v — fix the template file, or drop the custom template to use the built-in one"},
		"pdf.font":     {"không nạp được phông chữ Liberation Serif nhúng trong chương trình: %v", "cannot load the embedded Liberation Serif font: %v"},
		"pdf.render":   {"không tạo được tệp PDF: %v", "cannot produce the PDF: %v"},
		"pdf.noresult": {"không có kết quả chấm điểm để lập báo cáo PDF", "there is no scoring result to put in the PDF report"},
	})
}
