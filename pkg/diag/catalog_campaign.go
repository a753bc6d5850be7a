package diag

func init() {
	register(map[string]entry{
		"TD001": {Error, "mã %q bị trùng (xuất hiện %d lần)", "code %q is repeated (%d times)"},
		"TD002": {Error, "tổng điểm tối đa các tiêu chí con của %q là %s, khác điểm tối đa %s của nó", "the maxima of the children of %q add up to %s, not to its maximum %s"},
		"TD003": {Error, "tổng điểm tối đa các nội dung là %s, khác thang điểm (scale) %s", "the contents' maxima add up to %s, not to the scale %s"},
		"TD004": {Error, "mức xếp loại %q (từ %s điểm) phải thấp hơn mức %q đứng trước (từ %s điểm): xếp các mức từ cao xuống thấp", "band %q (from %s) must be lower than the band %q before it (from %s): list bands highest first"},
		"TD005": {Error, "khóa phân định thứ hạng %q không trỏ tới nội dung nào (dùng bonus, deduction, base hoặc content:<mã nội dung>)", "tie-break key %q names no content (use bonus, deduction, base or content:<content code>)"},
		"TD006": {Error, "hình thức xử lý %q của mục trừ điểm %q không hợp lệ (dùng no-top hoặc down-one)", "sanction %q of deduction item %q is not valid (use no-top or down-one)"},
		"TD007": {Error, "điểm tối đa của %q phải lớn hơn 0", "the maximum of %q must be above 0"},
		"TD008": {Error, "chưa khai báo mức xếp loại nào (bands)", "no bands are configured"},
		"TD009": {Error, "mức xếp loại %q: %s = %s phải nằm trong khoảng 0…1", "band %q: %s = %s must lie within 0…1"},
		"TD010": {Warning, "tổng điểm tối đa các mục %s là %s, vượt mức trần %s (điểm vượt trần sẽ bị cắt)", "the %s items add up to %s, above the cap %s (points above the cap are cut)"},
		"TD011": {Warning, "mức xếp loại thấp nhất %q bắt đầu từ %s điểm: đơn vị dưới mức này sẽ không được xếp loại", "the lowest band %q starts at %s: units below it get no band"},
		"TD012": {Error, "mã %q có ký tự không hợp lệ hoặc để trống", "code %q is empty or has characters that are not allowed"},
		"TD013": {Error, "chưa có nội dung chấm điểm nào (contents)", "the table has no contents"},
		"TD014": {Error, "mã mục %s %q phải bắt đầu bằng %q", "%s item code %q must start with %q"},
	})
	registerText(map[string][2]string{
		"campaign.ok":       {"%s: bảng tiêu chí hợp lệ — %d nội dung, %d dòng chấm điểm, thang điểm %s (+ tối đa %s điểm thưởng), dấu vân tay %s", "%s: the criteria table is consistent — %d contents, %d scored rows, scale %s (+ up to %s bonus), fingerprint %s"},
		"campaign.findings": {"%s: bảng tiêu chí có %d lỗi, %d cảnh báo", "%s: the criteria table has %d errors, %d warnings"},
		"group.bonus":       {"điểm thưởng", "bonus"},
		"group.deduction":   {"điểm trừ", "deduction"},
	})
}
