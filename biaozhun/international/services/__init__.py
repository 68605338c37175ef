"""Every write of international standardization, one module or package per part."""
