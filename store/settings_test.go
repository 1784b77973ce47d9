package store

import (
	"context"
	"testing"
)

func TestSettingsOutliveTheStore(t *testing.T) {
	s, path := openTest(t)
	ctx := context.Background()
	if v, err := s.Setting(ctx, "port"); err != nil || v != "" {
		t.Fatalf("an unset setting: %q, %v; want empty", v, err)
	}
	for _, v := range []string{"8080", "41234"} {
		if err := s.SetSetting(ctx, "port", v); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if v, err := again.Setting(ctx, "port"); err != nil || v != "41234" {
		t.Errorf("port after reopening: %q, %v; want the last one set, 41234", v, err)
	}
}
