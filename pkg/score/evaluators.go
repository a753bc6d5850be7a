package score

import (
	"sort"
	"strconv"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// evalID identifies the evaluator of a form.
type evalID struct {
	key    string // the same for every form of one evaluator
	ref    EvaluatorRef
	roster int // peers: the evaluator's index in the roster; -1 otherwise
}

// evaluators finds who evaluated each form (docs/scoring.md#evaluators)
// and keeps what each evaluator sent.
type evaluators struct {
	t      *table
	roster []Unit
	rx     *Roster
	list   []campaign.Evaluator
	warned map[string]bool // file + evaluator written: TD352 given
	seen   map[string]*EvaluatorStatus
	files  map[string]map[string]bool
	units  map[string]map[string]bool
}

func newEvaluators(t *table, roster []Unit, rx *Roster) *evaluators {
	return &evaluators{t: t, roster: roster, rx: rx, list: t.c.Evaluation.Evaluators, warned: map[string]bool{},
		seen: map[string]*EvaluatorStatus{}, files: map[string]map[string]bool{}, units: map[string]map[string]bool{}}
}

// identify returns the evaluator of form sub (of file path). Under peers
// the evaluator must be a roster unit, named by code or name: otherwise ok
// is false and d is the error that rejects the file (TD351). Under
// evaluators, a name that is not on evaluation.evaluators (when the list
// is given) is counted under the name written with a warning (TD352).
func (e *evaluators) identify(sub *submission.Submission, path string) (id evalID, d *diag.Diagnostic, ok bool) {
	text := vntext.Clean(sub.Evaluator)
	sheet, cell := infoPos(sub, sub.EvaluatorCell)
	id.roster = -1
	if e.t.by == campaign.EvalPeers {
		i, found := e.rx.code(text)
		if !found {
			i, found = e.rx.name(text)
		}
		if !found {
			x := diag.New("TD351", text).In(path).At(sheet, cell)
			return id, &x, false
		}
		u := e.roster[i]
		return evalID{key: "r:" + codeKey(u.Code), ref: EvaluatorRef{Code: u.Code, Name: u.Name}, roster: i}, nil, true
	}
	for i, ev := range e.list {
		if ev.Code != "" && codeKey(ev.Code) == codeKey(text) || matchesName(ev, text) {
			return evalID{key: "l:" + codeKey(ev.Label()) + "#" + strconv.Itoa(i), ref: EvaluatorRef{Code: ev.Code, Name: ev.Label()}, roster: -1}, nil, true
		}
	}
	id = evalID{key: "n:" + matchKey(text), ref: EvaluatorRef{Name: text}, roster: -1}
	if len(e.list) > 0 && !e.warned[path+"\x00"+matchKey(text)] {
		e.warned[path+"\x00"+matchKey(text)] = true
		x := diag.New("TD352", text).In(path).At(sheet, cell)
		return id, &x, true
	}
	return id, nil, true
}

func matchesName(ev campaign.Evaluator, text string) bool {
	k := matchKey(text)
	if k == "" {
		return false
	}
	if matchKey(ev.Name) == k {
		return true
	}
	for _, a := range ev.Aliases {
		if matchKey(a) == k {
			return true
		}
	}
	return false
}

// counted records that evaluator id's form from file counted for unit.
func (e *evaluators) counted(id evalID, file, unit string, late bool) {
	st := e.seen[id.key]
	if st == nil {
		st = &EvaluatorStatus{EvaluatorRef: id.ref}
		e.seen[id.key] = st
		e.files[id.key] = map[string]bool{}
		e.units[id.key] = map[string]bool{}
	}
	st.Late = st.Late || late
	e.files[id.key][file] = true
	e.units[id.key][codeKey(unit)] = true
}

// statuses lists the evaluators: the expected ones in configured order
// (the roster under peers, evaluation.evaluators under evaluators), each
// Missing when none of its forms counted, then the others by name.
func (e *evaluators) statuses() []EvaluatorStatus {
	var out []EvaluatorStatus
	done := map[string]bool{}
	add := func(key string, ref EvaluatorRef, expected bool) {
		st := EvaluatorStatus{EvaluatorRef: ref, Expected: expected}
		if s := e.seen[key]; s != nil {
			st.Late = s.Late
			for f := range e.files[key] {
				st.Files = append(st.Files, f)
			}
			sort.Strings(st.Files)
			st.Units = len(e.units[key])
		}
		st.Missing = expected && len(st.Files) == 0
		done[key] = true
		out = append(out, st)
	}
	switch e.t.by {
	case campaign.EvalPeers:
		for _, u := range e.roster {
			add("r:"+codeKey(u.Code), EvaluatorRef{Code: u.Code, Name: u.Name}, true)
		}
	case campaign.EvalEvaluators:
		for i, ev := range e.list {
			add("l:"+codeKey(ev.Label())+"#"+strconv.Itoa(i), EvaluatorRef{Code: ev.Code, Name: ev.Label()}, true)
		}
	}
	var rest []string
	for k := range e.seen {
		if !done[k] {
			rest = append(rest, k)
		}
	}
	sort.Slice(rest, func(i, j int) bool {
		a, b := foldLabel(e.seen[rest[i]].EvaluatorRef), foldLabel(e.seen[rest[j]].EvaluatorRef)
		if a != b {
			return a < b
		}
		return rest[i] < rest[j]
	})
	for _, k := range rest {
		add(k, e.seen[k].EvaluatorRef, false)
	}
	return out
}

// foldLabel is the key evaluators are sorted by.
func foldLabel(r EvaluatorRef) string { return matchKey(r.Label()) }
