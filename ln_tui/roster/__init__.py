"""The member roster: its members (`members`), the CSV file (`csv`), attendance and cases
(`attendance`), the rows of the roster table (`rows`), and what is kept of a person (`personal`).

Pure logic (no textual import): the roster screen and the command line both use it.
"""
