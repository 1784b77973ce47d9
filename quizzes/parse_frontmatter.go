package quizzes

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/roundtable-kit/roundtable/handouts"
)

// marpKeys are Marp's directives: accepted in front matter and in comments,
// and ignored. Local ones may also be written with a leading "_".
var marpKeys = map[string]bool{
	// global
	"marp": true, "theme": true, "style": true, "headingDivider": true, "size": true, "math": true,
	// local
	"paginate": true, "header": true, "footer": true, "class": true, "color": true,
	"backgroundColor": true, "backgroundImage": true, "backgroundPosition": true,
	"backgroundRepeat": true, "backgroundSize": true,
	// marp-cli's slide transitions
	"transition": true,
}

// marpMetaKeys are Marp's metadata settings, accepted in front matter only.
var marpMetaKeys = map[string]bool{"author": true, "image": true, "keywords": true, "url": true}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// frontMatter reads the YAML block at the top into deck and returns the
// index of the first body line.
func (p *deckParser) frontMatter(deck *Deck) int {
	if len(p.lines) == 0 || !isRule(p.lines[0]) {
		p.errorf(1, "no front matter: a deck starts with a --- block holding at least title and lang")
		return 0
	}
	end := -1
	for i := 1; i < len(p.lines); i++ {
		if isRule(p.lines[i]) {
			end = i
			break
		}
	}
	if end < 0 {
		p.errorf(1, "the front matter is never closed: end it with a --- line")
		return 1
	}
	if !p.readYAML(deck, strings.Join(p.lines[1:end], "\n"), 2) {
		deck.Lang = "en"
		p.warnf(1, "the front matter has no lang, so the deck is taken to be in English: add lang: en (or lang: es)")
	}
	return end + 1
}

// readYAML decodes the front matter; first is the file line of its first
// line. It reports whether the front matter has a lang key.
func (p *deckParser) readYAML(deck *Deck, src string, first int) (hasLang bool) {
	var doc yaml.Node
	if err := safeYAML(src, &doc); err != nil {
		line, msg := first, err.Error()
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, msg = first+n-1, m[2]
		}
		p.errorf(line, "front matter: %s", strings.TrimPrefix(msg, "yaml: "))
		return false
	}
	if len(doc.Content) == 0 {
		return false // empty: the missing keys are reported by the caller
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		p.errorf(first+m.Line-1, "front matter must be \"key: value\" lines")
		return false
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		line := first + k.Line - 1
		if prev, ok := seen[k.Value]; ok && k.Value != "help" { // help: repeats
			p.errorf(line, "front matter key %q appears twice (first on line %d)", k.Value, prev)
			continue
		}
		seen[k.Value] = line
		text := func() (string, bool) {
			if v.Kind != yaml.ScalarNode {
				p.errorf(line, "front matter: %s must be text", k.Value)
				return "", false
			}
			return strings.TrimSpace(v.Value), true
		}
		switch k.Value {
		case "title":
			if s, ok := text(); ok {
				if n := utf8.RuneCountInString(s); n > MaxTitleRunes {
					p.errorf(line, "the title is %d characters; the limit is %d", n, MaxTitleRunes)
				}
				deck.Title = s
			}
		case "lang":
			hasLang = true
			if s, ok := text(); ok {
				if l := langOf(s); l == "" {
					p.errorf(line, "lang %q is not supported: use en or es (a region such as en-US or es-MX is fine)", s)
				} else {
					deck.Lang = l
				}
			}
		case "audience":
			deck.Audience, _ = text()
		case "description":
			deck.Description, _ = text()
		case "minutes":
			if s, ok := text(); ok {
				n, err := strconv.Atoi(s)
				if err != nil || n < 1 || n > 24*60 {
					p.errorf(line, "minutes must be a whole number of minutes, not %q", s)
				} else {
					deck.Minutes = n
				}
			}
		case "translation":
			if s, ok := text(); ok {
				if !validID(s) {
					p.errorf(line, "translation %q is not a deck id (letters, digits, - _ ., e.g. parents.es)", s)
				} else {
					deck.Translation = s
				}
			}
		case "join-question":
			if s, ok := text(); ok {
				p.joinQuestion(deck, s, line)
			}
		case "help":
			if v.Kind == yaml.SequenceNode { // help: as a YAML list
				for _, e := range v.Content {
					if e.Kind != yaml.ScalarNode {
						p.errorf(first+e.Line-1, "front matter: each help entry must be text")
						continue
					}
					p.helpLine(deck, strings.TrimSpace(e.Value), first+e.Line-1)
				}
			} else if s, ok := text(); ok {
				p.helpLine(deck, s, line)
			}
		case "help-defaults":
			if s, ok := text(); ok {
				p.helpDefaults(deck, s, line)
			}
		case "handout":
			if s, ok := text(); ok {
				if !handouts.Exists(s) {
					p.errorf(line, "handout %q is not one of the kit's take-home materials: use one of %s", s, strings.Join(handouts.Names(), ", "))
				} else {
					deck.Handout = s
				}
			}
		case "share":
			if s, ok := text(); ok {
				p.share(deck, s, line)
			}
		case "reactions":
			if s, ok := text(); ok {
				switch strings.ToLower(s) {
				case "on", "yes", "true":
					deck.Reactions = true
				case "off", "no", "false":
				default:
					p.errorf(line, "reactions must be on or off, not %q", s)
				}
			}
		default:
			name := strings.TrimPrefix(k.Value, "_")
			switch {
			case name == "backgroundImage":
				p.warnf(line, "Roundtable does not show Marp's backgroundImage; the slides have the kit's own background")
			case name == "headingDivider":
				p.headingDivider(v, line)
			case !marpKeys[name] && !marpMetaKeys[k.Value]:
				p.warnf(line, "unknown front matter key %q is ignored", k.Value)
			}
		}
	}
	return hasLang
}

// langOf maps a language tag to the deck language it names: "en", "EN",
// "en-US" and "en_GB" are "en". It returns "" for any other language.
func langOf(tag string) string {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	primary, _, _ = strings.Cut(primary, "_")
	if primary == "en" || primary == "es" {
		return primary
	}
	return ""
}

// safeYAML decodes with the panics of a third-party parser turned into errors.
func safeYAML(src string, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &yamlPanic{r}
		}
	}()
	return yaml.Unmarshal([]byte(src), n)
}

type yamlPanic struct{ v any }

func (e *yamlPanic) Error() string { return "unreadable YAML" }

// headingDivider reads Marp's headingDivider: a level (2 splits slides
// before every # and ## heading) or a list of levels ([1, 3]).
func (p *deckParser) headingDivider(v *yaml.Node, line int) {
	var levels []string
	switch v.Kind {
	case yaml.ScalarNode:
		n, err := strconv.Atoi(strings.TrimSpace(v.Value))
		if err == nil && n >= 1 && n <= 6 {
			for l := 1; l <= n; l++ {
				p.divide[l] = true
			}
			return
		}
	case yaml.SequenceNode:
		for _, c := range v.Content {
			levels = append(levels, c.Value)
		}
		ok := len(levels) > 0
		for _, l := range levels {
			n, err := strconv.Atoi(l)
			if ok = ok && err == nil && n >= 1 && n <= 6; ok {
				p.divide[n] = true
			}
		}
		if ok {
			return
		}
	}
	p.divide = [7]bool{}
	p.warnf(line, "headingDivider must be a heading level from 1 to 6 or a list of them; it is ignored")
}

// joinQuestion reads "I am a | parent | educator | student | other": a
// prompt, then two to MaxJoinOptions options.
func (p *deckParser) joinQuestion(deck *Deck, s string, line int) {
	parts := strings.Split(s, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) < 3 || len(parts) > MaxJoinOptions+1 || slices.Contains(parts, "") {
		p.errorf(line, "join-question must be a prompt and 2 to %d options split by |, e.g. \"I am a | parent | educator | student | other\"", MaxJoinOptions)
		return
	}
	for _, o := range parts {
		if n := utf8.RuneCountInString(o); n > MaxOptionRunes {
			p.errorf(line, "a join-question option is %d characters; the limit is %d", n, MaxOptionRunes)
			return
		}
	}
	deck.Join = &JoinQuestion{Prompt: parts[0], Options: parts[1:]}
}
