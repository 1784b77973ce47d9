package handlers

import (
	"regexp"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// helpItem is one entry of "Need help?" as phones get it (API.md, Help):
// the deck's, the facilitator's or the kit's. Links are made by the kit,
// tel:, sms: and https: only, each with the text it shows.
type helpItem struct {
	Name   string     `json:"name"`
	Detail string     `json:"detail"`
	Note   string     `json:"note,omitempty"`
	Lang   string     `json:"lang"` // en, es or both
	Links  []helpLink `json:"links"`
}

type helpLink struct {
	Href string `json:"href"`
	Text string `json:"text"`
}

// kitHelp is the kit's internet-safety set (help-defaults:
// internet-safety), in each language, from the facts the built-in
// workshops use (shared CONTENT.md: NCMEC, 988, 911).
var kitHelp = map[string][]helpItem{
	"internet-safety": {
		{Lang: "en", Name: "NCMEC CyberTipline", Detail: "1-800-843-5678 · report.cybertip.org",
			Note:  "Report the online sexual exploitation of a child: sextortion, grooming, sexual images of anyone under 18. Run by the National Center for Missing & Exploited Children.",
			Links: []helpLink{{"tel:+18008435678", "1-800-843-5678"}, {"https://report.cybertip.org", "report.cybertip.org"}}},
		{Lang: "en", Name: "Take It Down", Detail: "takeitdown.ncmec.org",
			Note:  "Helps remove nude or sexual images taken before 18, without sending the image: it makes a fingerprint from the copy on your own device. It works with the platforms that take part and can miss edited copies. It has a page in Spanish.",
			Links: []helpLink{{"https://takeitdown.ncmec.org", "takeitdown.ncmec.org"}}},
		{Lang: "en", Name: "988 Suicide & Crisis Lifeline", Detail: "Call or text 988",
			Note:  "24/7, free. In Spanish: press 2 on a call, or text AYUDA to 988.",
			Links: []helpLink{{"tel:988", "Call 988"}, {"sms:988", "Text 988"}}},
		{Lang: "en", Name: "Danger right now", Detail: "911",
			Note:  "Call 911 when someone is in danger now.",
			Links: []helpLink{{"tel:911", "911"}}},
		{Lang: "es", Name: "CyberTipline del NCMEC", Detail: "1-800-843-5678 · report.cybertip.org",
			Note:  "Para reportar la explotación sexual de un niño o una niña en internet: sextorsión, acoso para ganarse su confianza, imágenes sexuales de menores de 18 años. Lo gestiona el Centro Nacional para Niños Desaparecidos y Explotados.",
			Links: []helpLink{{"tel:+18008435678", "1-800-843-5678"}, {"https://report.cybertip.org", "report.cybertip.org"}}},
		{Lang: "es", Name: "Take It Down", Detail: "takeitdown.ncmec.org",
			Note:  "Ayuda a quitar de internet imágenes íntimas o sexuales tomadas antes de los 18 años, sin enviar la imagen: crea una huella a partir de la copia que está en su propio dispositivo. Funciona con las plataformas que participan y puede no detectar copias editadas. Tiene página en español.",
			Links: []helpLink{{"https://takeitdown.ncmec.org", "takeitdown.ncmec.org"}}},
		{Lang: "es", Name: "988 Línea de Prevención del Suicidio y Crisis", Detail: "Llame o envíe un texto al 988",
			Note:  "Las 24 horas, gratis. En español: marque 2 durante la llamada, o envíe la palabra AYUDA por texto al 988.",
			Links: []helpLink{{"tel:988", "Llamar al 988"}, {"sms:988", "Texto al 988"}}},
		{Lang: "es", Name: "Peligro en este momento", Detail: "911",
			Note:  "Llame al 911 si alguien está en peligro ahora.",
			Links: []helpLink{{"tel:911", "911"}}},
	},
}

var (
	// phoneRe is a whole piece that is a phone number or a short code
	// (988, 911, 1-855-333-7233, +1 (505) 555-0100); a # or * code and
	// one spelled in letters (1-855-333-SAFE) are not.
	phoneRe = regexp.MustCompile(`^\+?[0-9(][0-9 ().-]*[0-9]$`)
	// webRe is a whole piece that is a web address (https:// optional).
	webRe = regexp.MustCompile(`(?i)^(https://)?([a-z0-9-]+\.)+[a-z]{2,}(/[^\s<>"']*)?$`)
	// pieceSep splits a detail into the parts that may each be a link.
	pieceSep = regexp.MustCompile(`\s*(?:·|;|,| / | or | o )\s*`)
)

// linksOf finds the tel: and https: links in a detail someone typed: each
// piece that is wholly a phone number (3 to 15 digits) or a web address.
// Anything else (a street address, 1-855-333-SAFE) stays text.
func linksOf(detail string) []helpLink {
	links := []helpLink{}
	for _, p := range pieceSep.Split(strings.TrimSpace(detail), -1) {
		switch {
		case p == "":
		case phoneRe.MatchString(p):
			digits := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, p)
			n := len(digits)
			if n < 3 || n > 15 {
				continue
			}
			switch {
			case strings.HasPrefix(p, "+"):
				digits = "+" + digits
			case n == 11 && digits[0] == '1':
				digits = "+" + digits
			case n == 10:
				digits = "+1" + digits // a US number
			}
			links = append(links, helpLink{"tel:" + digits, p})
		case webRe.MatchString(p):
			href := p
			if strings.HasPrefix(strings.ToLower(href), "https://") {
				href = href[len("https://"):]
			}
			href = "https://" + href
			links = append(links, helpLink{href, p})
		}
	}
	return links
}

// deckHelp is a deck's own entries, in its language.
func deckHelp(d *quizzes.Deck) []helpItem {
	out := []helpItem{}
	if d == nil {
		return out
	}
	for _, e := range d.Help {
		out = append(out, helpItem{Name: e.Name, Detail: e.Detail, Note: e.Note, Lang: d.Lang, Links: linksOf(e.Detail)})
	}
	return out
}

// localHelp is the facilitator's contacts as phones get them.
func localHelp(list []store.Contact) []helpItem {
	out := make([]helpItem, 0, len(list))
	for _, c := range list {
		out = append(out, helpItem{Name: c.Name, Detail: c.Detail, Note: c.Note, Lang: c.Lang, Links: linksOf(c.Detail)})
	}
	return out
}
