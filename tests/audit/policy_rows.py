from tests.fixtures.policy import Fixture, Row

AUDITOR = frozenset({"auditor_user"})  # not admin_user, although a superuser
SECURITY_ADMIN = frozenset({"security_admin_user"})

ROWS = [
    Row("audit.read_log", None, AUDITOR),
    Row("audit.export_log", None, AUDITOR),
    Row("audit.manage_roles", None, SECURITY_ADMIN),
    Row("audit.manage_roles", Fixture("registered_user"), SECURITY_ADMIN),
    Row("audit.manage_roles", Fixture("security_admin_user"), frozenset()),  # never their own roles
    Row("audit.purge_log", None, frozenset()),  # only the platform (manage.py audit_purge)
]
