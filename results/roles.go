package results

// RoleSplit is one answer to the deck's join question ("I am a: parent /
// educator / student / other"): how many joined giving it, and each
// question's counts among them. Role is the option's text; "" is those
// who gave none.
type RoleSplit struct {
	Role         string         `json:"role"`
	Participants Count          `json:"participants"`
	Questions    []RoleQuestion `json:"questions"`
}

// RoleQuestion is one question's counts within a role, in the order of
// Report.Questions.
type RoleQuestion struct {
	Slide     int     `json:"slide"`
	Responses Count   `json:"responses"`
	Right     *Count  `json:"right,omitempty"`
	Options   []Count `json:"options"`
}

// roleSplits counts the report's questions once per role; nil when the
// deck asks no join question.
func roleSplits(s Session, qs []Question) []RoleSplit {
	if s.Deck.Join == nil {
		return nil
	}
	names := s.Deck.Join.Options
	out := make([]RoleSplit, len(names)+1)
	bySlide := map[int]int{}
	for i, q := range qs {
		bySlide[q.Slide] = i
	}
	for r := range out {
		if r < len(names) {
			out[r].Role = names[r]
		}
		out[r].Questions = make([]RoleQuestion, len(qs))
		for i, q := range qs {
			rq := RoleQuestion{Slide: q.Slide, Options: make([]Count, len(q.Options))}
			if q.Right != nil {
				rq.Right = new(Count)
			}
			out[r].Questions[i] = rq
		}
	}
	role := func(pid string) int {
		if r, ok := s.Roles[pid]; ok && r >= 0 && r < len(names) {
			return r
		}
		return len(names)
	}
	given := 0
	for pid := range s.Roles {
		out[role(pid)].Participants++
		given++
	}
	out[len(names)].Participants += Count(max(s.Participants-given, 0))
	for _, a := range s.Answers {
		i, ok := bySlide[a.Slide]
		if !ok {
			continue
		}
		rq := &out[role(a.ParticipantID)].Questions[i]
		rq.Responses++
		if a.Skipped {
			continue
		}
		choice := a.Choice
		if qs[i].Kind == "ranking" && len(choice) > 0 {
			choice = choice[:1]
		}
		for _, c := range choice {
			if c >= 0 && c < len(rq.Options) {
				rq.Options[c]++
			}
		}
		if rq.Right != nil && a.Correct != nil && *a.Correct {
			*rq.Right++
		}
	}
	if out[len(names)].Participants == 0 {
		out = out[:len(names)]
	}
	return out
}

// suppressRoles hides the splits' small groups: the roles partition those
// who joined and each question's responses, so a role under k hides the
// next smallest too; within a role, its own counts follow the rules of a
// question (Suppress). The totals come from the report already suppressed.
func suppressRoles(r *Report, k int) {
	n := len(r.Roles)
	if n == 0 {
		return
	}
	hideSplit(n, func(i int) *Count { return &r.Roles[i].Participants }, r.Participants, k)
	for qi, q := range r.Questions {
		hideSplit(n, func(i int) *Count { return &r.Roles[i].Questions[qi].Responses }, q.Responses, k)
		for i := range r.Roles {
			rq := &r.Roles[i].Questions[qi]
			if !r.Roles[i].Participants.Shown() {
				rq.Responses = Hidden
			}
			if rq.Right != nil {
				hidePart(rq.Right, rq.Responses, k)
			}
			if q.Kind == "multiple" {
				for j := range rq.Options {
					hidePart(&rq.Options[j], rq.Responses, k)
				}
			} else {
				hidePartition(rq.Options, rq.Responses, k)
			}
		}
	}
}
