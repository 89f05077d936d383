"""Domain errors, each carrying a sentence a consultant understands."""

from __future__ import annotations


class MutualityError(Exception):
    """Base of every error the app explains to the user in one sentence."""

    @property
    def message(self) -> str:
        return str(self)


class FrameworkError(MutualityError):
    """The framework data file is malformed."""


class ValidationError(MutualityError):
    """An operation was given a value the engagement cannot hold."""


class EngagementFileError(MutualityError):
    """An engagement file cannot be opened or used."""


class NotOurFileError(EngagementFileError):
    """The file is not a Mutuality engagement file."""


class DamagedFileError(EngagementFileError):
    """The file is a Mutuality file but is damaged."""


class NewerVersionError(EngagementFileError):
    """The file was written by a newer version of the app."""

    def __init__(self, message: str, file_version: int, supported_version: int) -> None:
        super().__init__(message)
        self.file_version = file_version
        self.supported_version = supported_version


class FileLockedError(EngagementFileError):
    """Another instance of the app has the file open for editing."""

    def __init__(self, message: str, holder: str = "") -> None:
        super().__init__(message)
        self.holder = holder


class PassphraseError(EngagementFileError):
    """The file is protected and the passphrase is missing or wrong."""


class ReadOnlyError(EngagementFileError):
    """The engagement is open read-only; edits are refused."""


class SaveError(EngagementFileError):
    """A change could not be written to disk (disk full, folder gone, I/O error)."""


class ReturnError(MutualityError):
    """A returned pre-work form cannot be imported (names the file, and the cell when there is one)."""
