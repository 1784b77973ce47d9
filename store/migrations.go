package store

import (
	"database/sql"
	"fmt"
)

// migrations are applied in order; the schema version is PRAGMA
// user_version, the number of migrations applied. Never edit one that has
// shipped: append a new one.
var migrations = []string{
	// 1: sessions, participants and answers. A participant is a random id
	// and a hash of its resume token: no name is needed, and no IP address
	// or browser is ever stored.
	`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	INSERT INTO meta (key, value) VALUES ('probe', '0');
	CREATE TABLE sessions (
		id          TEXT PRIMARY KEY,
		code        TEXT NOT NULL,
		deck_id     TEXT NOT NULL,
		deck_title  TEXT NOT NULL,
		deck_source TEXT NOT NULL,
		slide       INTEGER NOT NULL DEFAULT -1,
		phase       TEXT NOT NULL DEFAULT 'lobby',
		revealed    TEXT NOT NULL DEFAULT '',
		created_at  INTEGER NOT NULL,
		ended_at    INTEGER
	);
	CREATE UNIQUE INDEX sessions_live_code ON sessions (code) WHERE ended_at IS NULL;
	CREATE TABLE participants (
		id          TEXT PRIMARY KEY,
		session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		token_hash  BLOB NOT NULL,
		nick        TEXT NOT NULL,
		lang        TEXT NOT NULL,
		created_at  INTEGER NOT NULL
	);
	CREATE UNIQUE INDEX participants_token ON participants (session_id, token_hash);
	CREATE TABLE answers (
		session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
		slide          INTEGER NOT NULL,
		question_id    TEXT NOT NULL,
		choice         TEXT NOT NULL,
		correct        INTEGER,
		answered_at    INTEGER NOT NULL,
		PRIMARY KEY (session_id, participant_id, slide)
	) WITHOUT ROWID;
	CREATE INDEX answers_participant ON answers (participant_id);`,
	// 2: decks written or imported by the user (built-ins live in the binary).
	`CREATE TABLE decks (
		id         TEXT PRIMARY KEY,
		source     TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	);`,
	// 3: a session's slide count, so that listing past sessions needs no
	// parse of their decks.
	`ALTER TABLE sessions ADD COLUMN slides INTEGER NOT NULL DEFAULT 0;`,
	// 4: the image files stored with a user deck (a slide's ![](pic.png)),
	// deleted with it.
	`CREATE TABLE deck_images (
		deck_id TEXT NOT NULL REFERENCES decks (id) ON DELETE CASCADE,
		path    TEXT NOT NULL,
		type    TEXT NOT NULL,
		data    BLOB NOT NULL,
		PRIMARY KEY (deck_id, path)
	);`,
	// 5: the question steps besides reveal (closed questions, live results,
	// a countdown, a blank screen) as JSON; '' is none, as before.
	`ALTER TABLE sessions ADD COLUMN steps TEXT NOT NULL DEFAULT '';`,
	// 6: answers of the room's voice kinds: typed text (a word cloud's words
	// joined by "\n"), a value, "prefer not to answer", the credit earned
	// and an open text's moderation status.
	`ALTER TABLE answers ADD COLUMN text TEXT NOT NULL DEFAULT '';
	ALTER TABLE answers ADD COLUMN value REAL;
	ALTER TABLE answers ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE answers ADD COLUMN credit REAL;
	ALTER TABLE answers ADD COLUMN status TEXT NOT NULL DEFAULT '';`,
	// 7: the anonymous Q&A beside a deck: the questions phones ask, with
	// their moderation status, and one row per phone and question voted for
	// (withdrawing a vote deletes its row, so a count is a COUNT).
	`CREATE TABLE qa_questions (
		session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		id             TEXT NOT NULL,
		participant_id TEXT NOT NULL,
		text           TEXT NOT NULL,
		status         TEXT NOT NULL,
		answered       INTEGER NOT NULL DEFAULT 0,
		created_at     INTEGER NOT NULL,
		PRIMARY KEY (session_id, id)
	) WITHOUT ROWID;
	CREATE TABLE qa_votes (
		session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		question_id    TEXT NOT NULL,
		participant_id TEXT NOT NULL,
		PRIMARY KEY (session_id, question_id, participant_id)
	) WITHOUT ROWID;`,
	// 8: the answer to a deck's join question ("I am a: parent / …"), an
	// index into its options, stored with the anonymous participant (NULL:
	// none given); and sessions marked practice, which deck reports leave
	// out.
	`ALTER TABLE participants ADD COLUMN role INTEGER;
	ALTER TABLE sessions ADD COLUMN practice INTEGER NOT NULL DEFAULT 0;`,
	// 9: the facilitator's local contacts (contacts.go), shown on the
	// resources slide and behind "Need help?": the kit's, not a session's,
	// in the order given. Until first edited, the New Mexico defaults show.
	`CREATE TABLE local_contacts (
		position INTEGER PRIMARY KEY,
		name     TEXT NOT NULL,
		detail   TEXT NOT NULL,
		note     TEXT NOT NULL DEFAULT '',
		lang     TEXT NOT NULL DEFAULT 'both' CHECK (lang IN ('en', 'es', 'both'))
	);`,
	// 10: self-paced sessions: the mode a session started in ('live' or
	// 'self-paced'), when a self-paced one closes by itself (NULL: when the
	// presenter ends it), and the slide each phone of a self-paced session
	// is on (NULL: it has not moved), so it resumes there days later.
	`ALTER TABLE sessions ADD COLUMN mode TEXT NOT NULL DEFAULT 'live';
	ALTER TABLE sessions ADD COLUMN closes_at INTEGER;
	ALTER TABLE participants ADD COLUMN pace_slide INTEGER;`,
	// 11: when each answer was first given, which a changed answer keeps:
	// the open text queue's pages are keyed on it (texts.go), so an answer
	// changed between two pages is neither skipped nor given twice.
	`ALTER TABLE answers ADD COLUMN first_at INTEGER NOT NULL DEFAULT 0;
	UPDATE answers SET first_at = answered_at;`,
	// 12: the entries of "Share your experience": free text with no link to
	// a participant and no time finer than the local day; keyed by a
	// random id, WITHOUT ROWID, so the row order tells no arrival order.
	`CREATE TABLE experiences (
		session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		id         TEXT NOT NULL,
		day        TEXT NOT NULL,
		text       TEXT NOT NULL,
		PRIMARY KEY (session_id, id)
	) WITHOUT ROWID;`,
}

func migrate(db *sql.DB) error {
	var version int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("store: unable to read the schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("store: the database is from a newer Roundtable (schema %d, this one knows %d)", version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		tx, err := db.Begin()
		if err != nil {
			return fmt.Errorf("store: unable to migrate: %w", err)
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: unable to apply migration %d: %w", v+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: unable to apply migration %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("store: unable to apply migration %d: %w", v+1, err)
		}
	}
	return nil
}
