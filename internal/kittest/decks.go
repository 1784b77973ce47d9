package kittest

import _ "embed"

// The decks the tests share, as a presenter would write them (docs/DECKS.md).
var (
	// PrePostDeck asks the same question (id pw) before a lesson (slide 0,
	// check: pre) and after it (slide 2, check: post); option 1 is right.
	//go:embed decks/prepost.md
	PrePostDeck string

	// QuizDeck is a title slide, then one single-choice question (id colour,
	// "Which is a colour?") whose right answer, "Blue", is option 1, with an
	// explanation.
	//go:embed decks/quiz.md
	QuizDeck string

	// GameDeck is a title slide, then three scored questions: single
	// (slide 1, "Blue" is option 1), multiple with partial credit (slide
	// 2: options 0 and 2 carry 50% each, option 1 takes 50% off) and type
	// the answer (slide 3, "Paris"), then a closing slide (4).
	//go:embed decks/game.md
	GameDeck string
)
