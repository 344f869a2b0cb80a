"""The member roster: the `Roster` facade the screens and the command line call (`roster`), its
members (`members`), the CSV file (`csv`), attendance and cases
(`attendance`), the rows of the roster table (`rows`), and what is kept of a person (`personal`).

Pure logic (no textual import): the roster screen and the command line both use it.
"""

from ln_tui.roster.roster import Roster

__all__ = ["Roster"]
