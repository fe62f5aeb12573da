"""A concept folder (or a frozen edition) read through every stage into the model with
its findings: `folder` runs load → check → model → domain checks, `validate` adds the
previous edition, `sides` loads a side of a comparison (folder, snapshot or git),
`snapshot` freezes an edition as JSON, `reporters` write findings for people and CI."""
