"""``ikonzept import``: an existing concept from a Word document (DOCX) into a new concept
folder. `walk` reads the body in reading order with Word's automatic numbers (`numbering`),
`structure` finds fields of action, goals and measures among the headings, `concept` turns
them into the folder's files, `run` writes the folder and its report."""
