"""Sign-in security of the accounts app (issue 9, findings 3, 5, 6):

* ``lockout``: failed sign-ins counted per account name and per client address in the database; locks, unlocks.
* ``second_factor``: TOTP (django-otp) and hashed single-use recovery codes; who must use them; the middleware
  that keeps an unverified privileged session on the enrolment or verification page.
* ``sessions``: idle and absolute session lifetimes.
* ``passwords``: the validator of guessable passwords (common lists, pinyin, names, keyboard walks).
* ``reset``: throttled password-reset emails.
* ``admin_site``: Django's admin, entered through the site's own sign-in (throttled, second factor).

Each change a person makes goes through a service here with ``actor`` first and the policy asked; each sends a
signal of ``accounts.signals`` for the security audit log.
"""
