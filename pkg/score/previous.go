package score

// PrevUnit is a unit of an earlier result (--previous), as read back from
// its JSON.
type PrevUnit struct {
	Code  string
	Total Points
	Rank  int
}

// ApplyPrevious fills every unit's Change from the earlier result prev:
// points = total now − total then, rank = rank then − rank now (positive
// means the unit moved up). Units are matched by code (case, spaces and
// punctuation ignored); a unit not in prev gets Change{Known: false}. When
// prev names a code twice the first entry counts. A nil r is left alone.
func ApplyPrevious(r *Result, prev []PrevUnit) {
	if r == nil {
		return
	}
	byCode := make(map[string]PrevUnit, len(prev))
	for _, p := range prev {
		k := codeKey(p.Code)
		if _, dup := byCode[k]; !dup && k != "" {
			byCode[k] = p
		}
	}
	for i := range r.Units {
		u := &r.Units[i]
		p, ok := byCode[codeKey(u.Code)]
		if !ok {
			u.Change = &Change{}
			continue
		}
		u.Change = &Change{Points: u.Total - p.Total, Rank: p.Rank - u.Rank, Known: true}
	}
}
