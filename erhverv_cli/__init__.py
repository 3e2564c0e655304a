"""erhverv: find, compare and curate Danish municipal business-promotion cases."""

__version__ = "0.1.0"
