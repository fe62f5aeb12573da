"""Loading a concept: find and read its files (`sources`, `reading`), parse the YAML with
the C loader (`yamlload`, German messages in `yamlerrors`), cache parsed files by content
(`cache`) and find line and column only for the files with findings (`positions`)."""
