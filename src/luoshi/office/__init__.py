"""Office formats: the workbooks and documents luoshi writes (xlsx with openpyxl, docx with python-docx).

These modules take the plain dataclasses the services build and write files; they never touch the database.
"""
