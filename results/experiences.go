package results

import (
	"encoding/csv"
	"io"
)

// Experience is one entry of a deck's "Share your experience" form: the
// local day it was sent and its text, and nothing else (no participant, no
// time of day).
type Experience struct {
	Day  string `json:"day"`
	Text string `json:"text"`
}

// Experiences is the host's read of a session's entries (GET
// /api/sessions/{id}/experiences): the prompt the phones saw, and the
// entries by day. They are free text the facilitator reads, not counts, and
// are exported on request only: not part of the results JSON or CSV.
type Experiences struct {
	Session string       `json:"session"`
	Code    string       `json:"code"`
	Prompt  string       `json:"prompt,omitempty"`
	Entries []Experience `json:"entries"`
}

// experiencesHeader is the first row of the experiences CSV (docs/API.md).
var experiencesHeader = []string{"session", "code", "day", "text"}

// WriteExperiencesCSV writes one row per entry after a byte-order mark and
// the header; the text a phone typed is made formula-safe.
func WriteExperiencesCSV(w io.Writer, e Experiences) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(experiencesHeader)
	for _, x := range e.Entries {
		cw.Write([]string{e.Session, e.Code, x.Day, cell(x.Text)})
	}
	cw.Flush()
	return cw.Error()
}
