package main

import "fmt"

// undoCmd takes back the last grade.
type undoCmd struct {
	studyFlags
}

// Run undoes the vault's last grade, in the note and in the database.
func (c *undoCmd) Run(e *env) error {
	s, err := c.openStudy(e)
	if err != nil {
		return err
	}
	defer s.close()
	r, err := s.Undo()
	if err != nil {
		return err
	}
	where := "recall's database"
	if r.Edit != nil {
		where = r.Path + " and recall's database"
	}
	fmt.Fprintf(e.stdout, "undid %s on %s (%s restored)\n", r.Rating, r.CardID, where)
	return nil
}
