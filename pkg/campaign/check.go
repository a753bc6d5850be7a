package campaign

import (
	"fmt"
	"strings"

	"github.com/thidua/thidua/pkg/diag"
)

// Check reports the inconsistencies of the table: repeated codes, children
// whose maxima do not add up to their parent, contents that do not add up
// to the scale, bands out of order, tie-break keys that name no content,
// unknown sanctions, bonus or deduction items that exceed their cap. The
// result is empty for a consistent table.
func (c *Campaign) Check() diag.List {
	var out diag.List
	add := func(code string, args ...any) { out = append(out, diag.New(code, args...)) }

	if len(c.Contents) == 0 {
		add("TD013")
	}
	counts := map[string]int{}
	order := []string{}
	var walk func(n *Node)
	walk = func(n *Node) {
		k := NormCode(n.Code)
		if counts[k] == 0 {
			order = append(order, n.Code)
		}
		counts[k]++
		if !validCode(n.Code) {
			add("TD012", n.Code)
		}
		if n.Max <= 0 {
			add("TD007", n.Code)
		}
		if len(n.Criteria) > 0 {
			var sum Points
			for _, ch := range n.Criteria {
				sum += ch.Max
			}
			if sum != n.Max {
				add("TD002", n.Code, sum.VI(), n.Max.VI())
			}
		}
		for _, ch := range n.Criteria {
			walk(ch)
		}
	}
	var total Points
	for _, n := range c.Contents {
		walk(n)
		total += n.Max
	}
	if len(c.Contents) > 0 && total != c.Scale {
		add("TD003", total.VI(), c.Scale.VI())
	}
	groups := []struct {
		g      *Group
		key    string
		prefix string
	}{{&c.Bonus, "group.bonus", "T"}, {&c.Deductions, "group.deduction", "D"}}
	for _, gr := range groups {
		var sum Points
		for _, it := range gr.g.Items {
			k := NormCode(it.Code)
			if counts[k] == 0 {
				order = append(order, it.Code)
			}
			counts[k]++
			if !validCode(it.Code) {
				add("TD012", it.Code)
			} else if !strings.HasPrefix(strings.ToUpper(it.Code), gr.prefix) {
				add("TD014", diag.T("vi", gr.key), it.Code, gr.prefix)
			}
			if it.Max <= 0 {
				add("TD007", it.Code)
			}
			switch it.Sanction {
			case NoSanction, NoTop, DownOne:
			default:
				add("TD006", string(it.Sanction), it.Code)
			}
			sum += it.Max
		}
		if gr.g.Cap > 0 && sum > gr.g.Cap {
			add("TD010", diag.T("vi", gr.key), sum.VI(), gr.g.Cap.VI())
		}
	}
	for _, code := range order {
		if n := counts[NormCode(code)]; n > 1 {
			add("TD001", code, n)
		}
	}
	if len(c.Bands) == 0 {
		add("TD008")
	}
	for i, b := range c.Bands {
		if i > 0 && b.Min >= c.Bands[i-1].Min {
			add("TD004", b.Label, b.Min.VI(), c.Bands[i-1].Label, c.Bands[i-1].Min.VI())
		}
		if b.MinContentRatio < 0 || b.MinContentRatio > 1 {
			add("TD009", b.Label, "min_content_ratio", fmt.Sprint(b.MinContentRatio))
		}
		if b.Quota < 0 || b.Quota > 1 {
			add("TD009", b.Label, "quota", fmt.Sprint(b.Quota))
		}
	}
	if n := len(c.Bands); n > 0 && c.Bands[n-1].Min > 0 {
		add("TD011", c.Bands[n-1].Label, c.Bands[n-1].Min.VI())
	}
	for _, k := range c.TieBreak {
		if !c.validTieBreak(k) {
			add("TD005", k)
		}
	}
	return out
}

// validTieBreak reports whether k is bonus, deduction, base or
// content:<code of a content>.
func (c *Campaign) validTieBreak(k string) bool {
	switch k {
	case "bonus", "deduction", "base":
		return true
	}
	if code, ok := strings.CutPrefix(k, "content:"); ok {
		return c.Content(code) != nil
	}
	return false
}

func validCode(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
