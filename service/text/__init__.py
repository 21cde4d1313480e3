"""Arabic text core shared by serving and training: the one normaliser, and e-mail masking/hashing."""

from service.text.emails import contains_email, email_hash, mask_email_address, mask_emails
from service.text.normalizer import Token, normalize, normalize_tokens

__all__ = [
    "Token",
    "contains_email",
    "email_hash",
    "mask_email_address",
    "mask_emails",
    "normalize",
    "normalize_tokens",
]
