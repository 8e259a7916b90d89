"""Reading input files: `decode` turns bytes into clean text (encodings, line ends, NULs, refusing
what is not text), `mojibake` repairs double-encoded text, `split` finds the articles in a dump
file, `library` holds one opened file and its index, `search` looks for a phrase in all of them.
"""
