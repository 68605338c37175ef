"""Every write of the declarations app: the enterprise's profile and products, declaring a standard, revising and
withdrawing a declaration, bulk declaration files, and the limits table. Each is atomic, asks the policy first and
records its event in the same transaction."""

from .abolition import abolish_declaration
from .declaring import DeclarationInput, declare_standard, revise_declaration, withdraw_declaration
from .profiles import ProductInput, ProfileInput, add_product, edit_product, set_enterprise_profile

__all__ = [
    "DeclarationInput",
    "ProductInput",
    "ProfileInput",
    "abolish_declaration",
    "add_product",
    "declare_standard",
    "edit_product",
    "revise_declaration",
    "set_enterprise_profile",
    "withdraw_declaration",
]
