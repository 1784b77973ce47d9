package kittest

import (
	"strings"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// RolesDeck asks the join question "I am a | parent | student", a pre-check,
// a poll and the post-check. RolesDeckES is its Spanish twin (save it
// first, as roles-es; RolesDeck names it as its translation).
const RolesDeck = `---
title: Family safety
lang: en
join-question: I am a | parent | student
translation: roles-es
---

<!-- question: single -->
<!-- id: pw -->
<!-- check: pre -->

## Which password is strongest?

- [ ] abc123
- [x] four random words
- [ ] your pet's name

---

<!-- question: poll -->
<!-- id: setup -->

## Who set up your phone?

- [ ] Me
- [ ] A friend
- [ ] Someone at home

---

# Talk it over

---

<!-- question: single -->
<!-- id: pw -->
<!-- check: post -->

## Which password is strongest?

- [ ] abc123
- [x] four random words
- [ ] your pet's name
`

const RolesDeckES = `---
title: Seguridad en familia
lang: es
join-question: Soy | madre o padre | estudiante
translation: roles-en
---

<!-- question: single -->
<!-- id: pw -->
<!-- check: pre -->

## ¿Qué contraseña es más fuerte?

- [ ] abc123
- [x] cuatro palabras al azar
- [ ] el nombre de tu mascota

---

<!-- question: poll -->
<!-- id: setup -->

## ¿Quién configuró tu teléfono?

- [ ] Yo
- [ ] Un amigo
- [ ] Alguien en casa

---

# Hablemos

---

<!-- question: single -->
<!-- id: pw -->
<!-- check: post -->

## ¿Qué contraseña es más fuerte?

- [ ] abc123
- [x] cuatro palabras al azar
- [ ] el nombre de tu mascota
`

// Group is who answers a RolesDeck session: how many join with a role,
// and how many of them know the answer before and after.
type Group struct {
	Role                int // index into the join question's options
	N                   int
	RightPre, RightPost int // the first RightPre answer right before, the first RightPost after
	Poll                int // the poll option they all pick
}

// PlayRoles runs a session of a RolesDeck deck: every group joins and
// answers its role, the pre-check, the poll and the post-check; then the
// session ends. Phones are closed when the test ends.
func (k *Kit) PlayRoles(deck string, groups ...Group) Session {
	k.t.Helper()
	s := k.StartSession(deck)
	n := 0
	for _, g := range groups {
		n += g.N
	}
	phones := k.JoinPhones(s.Code, n, nil)
	i := 0
	type who struct {
		p          *phoneclient.Phone
		pre, post  int
		poll, role int
	}
	var all []who
	for _, g := range groups {
		for j := range g.N {
			w := who{p: phones[i], pre: 0, post: 2, poll: g.Poll, role: g.Role}
			if j < g.RightPre {
				w.pre = 1
			}
			if j < g.RightPost {
				w.post = 1
			}
			all = append(all, w)
			i++
		}
	}
	for _, w := range all {
		if err := w.p.SetRole(w.role); err != nil {
			k.t.Fatalf("role: %v", err)
		}
	}
	for slide, pick := range []func(w who) int{func(w who) int { return w.pre }, func(w who) int { return w.poll }, nil, func(w who) int { return w.post }} {
		if pick == nil {
			continue
		}
		if st, code := k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": slide}, nil); st != 200 && st != 204 {
			k.t.Fatalf("goto %d: %d %s", slide, st, code)
		}
		for _, w := range all {
			if _, err := w.p.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == slide }); err != nil {
				k.t.Fatalf("slide %d: %v", slide, err)
			}
			if _, err := w.p.Answer(slide, []int{pick(w)}); err != nil {
				k.t.Fatalf("answer on slide %d: %v", slide, err)
			}
		}
	}
	if st, code := k.API("POST", "/api/sessions/"+s.ID+"/end", nil, nil); st != 200 && st != 204 {
		k.t.Fatalf("end: %d %s", st, code)
	}
	return s
}

// SaveRolesTwins saves RolesDeck and RolesDeckES as each other's
// translation and returns their ids.
func (k *Kit) SaveRolesTwins() (en, es string) {
	k.t.Helper()
	en = k.SaveDeck(strings.Replace(RolesDeck, "translation: roles-es\n", "", 1))
	es = k.SaveDeck(strings.Replace(RolesDeckES, "translation: roles-en", "translation: "+en, 1))
	src := strings.Replace(RolesDeck, "translation: roles-es", "translation: "+es, 1)
	if st, code := k.API("PUT", "/api/decks/"+en, map[string]string{"source": src}, nil); st != 200 {
		k.t.Fatalf("PUT /api/decks/%s: %d %s", en, st, code)
	}
	return en, es
}
