package library

import (
	"encoding/json"
	"strings"
)

// copySuffix marks a copy's title in the deck's language, so that a copy
// and its original are two different cards in the list.
var copySuffix = map[string]string{"en": " (copy)", "es": " (copia)"}

// CopySource returns a deck's source with its title marked as a copy:
// the front matter's title line is replaced, or one is added at the top of
// the front matter (or a front matter made) when the deck has none.
func CopySource(src, title, lang string) string {
	suffix, ok := copySuffix[lang]
	if !ok {
		suffix = copySuffix["en"]
	}
	if title == "" {
		title = "Deck"
	}
	q, _ := json.Marshal(title + suffix) // a JSON string is a YAML double-quoted scalar
	line := "title: " + string(q)
	nl := "\n"
	if strings.Contains(src, "\r\n") {
		nl = "\r\n"
	}
	lines := strings.Split(src, nl)
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return "---" + nl + line + nl + "---" + nl + nl + src
	}
	for i := 1; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "---" {
			break // the front matter has no title: add one
		}
		if strings.HasPrefix(l, "title:") {
			end := i + 1 // a title continued on indented lines goes too
			for end < len(lines) && (strings.HasPrefix(lines[end], " ") || strings.HasPrefix(lines[end], "\t")) {
				end++
			}
			return strings.Join(append(append(append([]string{}, lines[:i]...), line), lines[end:]...), nl)
		}
	}
	return strings.Join(append([]string{lines[0], line}, lines[1:]...), nl)
}
