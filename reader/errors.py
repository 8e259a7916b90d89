"""Errors a user can cause, each carrying a one-line message for the command line."""


class ReaderError(Exception):
    """Something about the input that stops us; str(error) is the one line we print."""


class InputError(ReaderError):
    """The input cannot be read: missing, a directory, unreadable, binary."""


class ArticleNotFound(ReaderError):
    """--article named a title the file does not hold."""
