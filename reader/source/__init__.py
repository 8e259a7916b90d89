"""Reading input files: `decode` turns bytes into clean text (encodings, mojibake, line ends),
`split` finds the articles in a dump file, `library` holds one opened file and its index.
"""
