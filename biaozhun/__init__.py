"""Biaozhun (标准): the software backbone of a national standards system."""
