"""Input the processor cannot read at all. Everything else is a finding, not an error."""

from __future__ import annotations

import os


class InputError(Exception):
    """A workbook that cannot be processed; the message is one line in Indonesian that
    names the file (and sheet and cell where there is one) and says what to do."""

    def __init__(self, path: str, message: str, *, sheet: str | None = None, cell: str | None = None,
                 action: str | None = None):
        self.path = path
        self.sheet = sheet
        self.cell = cell
        self.message = message
        self.action = action
        super().__init__(self.line())

    def line(self) -> str:
        where = [os.path.basename(self.path)]
        if self.sheet:
            where.append(f"lembar '{self.sheet}'")
        if self.cell:
            where.append(f"sel {self.cell}")
        text = f"{', '.join(where)}: {self.message}"
        if self.action:
            text += f" {self.action}"
        return " ".join(text.split())  # one line, whatever a file or sheet name holds
