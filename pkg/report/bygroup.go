package report

import (
	"sort"
	"strconv"
	"strings"

	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// The ways the documents' ranking annex lists units (Meta.Annex, the
// configuration's report.annex; docs/outputs.md).
const (
	AnnexRanking = "ranking"  // one table in rank order (the default, also "")
	AnnexByGroup = "by-group" // each group under its own heading, in group-rank order
)

// headGroup heads the annex column of a unit's group.
const headGroup = "Khối thi đua"

// NoGroupHeading heads, in an annex by group, the units that belong to no
// group.
const NoGroupHeading = "Đơn vị không thuộc khối"

// ByGroup reports whether the ranking annex of r lists each group under
// its own heading: m asks for it (report.annex: by-group) and some unit of
// r has a group. Without groups the annex stays one table.
func (m Meta) ByGroup(r *score.Result) bool {
	return m.Annex == AnnexByGroup && HasGroups(r)
}

// RankingGroup is one group of a ranking annex by group: its heading and
// the rows of the ranking table (indexes in r.Units, which are the rows of
// RankingColumns) in group-rank order.
type RankingGroup struct {
	Name    string // the group as the roster writes it; "" for units with none
	Heading string // the group's name, or NoGroupHeading
	Rows    []int
}

// RankingGroups returns r's units by group for an annex by group: the
// groups in the order of order (the roster's groups in order of first
// appearance), then any other group in the order its first unit is
// ranked, then the units with no group; within a group, units in
// group-rank order (equal group ranks in overall rank order). clean, when
// not nil, is applied to each heading, in order.
func RankingGroups(r *score.Result, order []string, clean func(string) string) []RankingGroup {
	if clean == nil {
		clean = func(s string) string { return s }
	}
	key := func(g string) string { return strings.ToLower(strings.Join(strings.Fields(vntext.Clean(g)), " ")) }
	index := map[string]int{}
	var groups []RankingGroup
	add := func(g string) int {
		k := key(g)
		if i, ok := index[k]; ok {
			return i
		}
		index[k] = len(groups)
		groups = append(groups, RankingGroup{Name: strings.TrimSpace(g)})
		return index[k]
	}
	for _, g := range order {
		if strings.TrimSpace(g) != "" {
			add(g)
		}
	}
	var none []int
	for i, u := range r.Units {
		if strings.TrimSpace(u.Group) == "" {
			none = append(none, i)
			continue
		}
		gi := add(u.Group)
		groups[gi].Rows = append(groups[gi].Rows, i)
	}
	var out []RankingGroup
	for _, g := range groups {
		if len(g.Rows) == 0 {
			continue // a roster group with no unit scored
		}
		rows := g.Rows
		sort.SliceStable(rows, func(a, b int) bool {
			ra, rb := r.Units[rows[a]].GroupRank, r.Units[rows[b]].GroupRank
			if (ra > 0) != (rb > 0) {
				return ra > 0 // unranked last
			}
			return ra < rb
		})
		g.Heading = clean(vntext.Clean(g.Name))
		out = append(out, g)
	}
	if len(none) > 0 {
		out = append(out, RankingGroup{Heading: NoGroupHeading, Rows: none})
	}
	return out
}

// RankingColumnsByGroup returns the columns of a ranking annex by group:
// those of RankingColumns without the group's column, which the headings
// replace.
func RankingColumnsByGroup(r *score.Result, clean func(string) string) []Column {
	cols := RankingColumns(r, clean)
	out := cols[:0:0]
	for _, c := range cols {
		if c.Head != headGroup {
			out = append(out, c)
		}
	}
	return out
}

// Subset returns a table with t's columns, widths and font and only the
// rows rows, in that order; the "STT" column is numbered again from 1.
func (t *Table) Subset(rows []int) *Table {
	s := &Table{Size: t.Size, Pad: t.Pad, Cols: make([]Column, len(t.Cols))}
	for i, c := range t.Cols {
		c.Cells = make([]string, len(rows))
		for j, ri := range rows {
			if c.Head == "STT" {
				c.Cells[j] = strconv.Itoa(j + 1)
			} else {
				c.Cells[j] = t.Cols[i].Cells[ri]
			}
		}
		s.Cols[i] = c
	}
	return s
}
