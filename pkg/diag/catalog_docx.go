package diag

func init() {
	registerText(map[string][2]string{
		"docx.render":   {"không tạo được tệp Word (.docx): %v", "cannot produce the Word document (.docx): %v"},
		"docx.noresult": {"không có kết quả chấm điểm để lập báo cáo dạng Word", "there is no scoring result to put in the Word report"},
	})
}
