from tests.fixtures.policy import ALL, Fixture, Row

ADMIN = frozenset({"admin_user"})
APPLICANTS = frozenset({"enterprise_user", "social_organisation_user"})

ROWS = [
    Row("programmes.view_programme", Fixture("open_programme"), ALL),
    Row("programmes.view_pilot", None, ALL),
    Row("programmes.create", Fixture("bureau"), ADMIN | {"bureau_user"}),
    Row("programmes.create", Fixture("national_administration"), ADMIN),
    Row("programmes.manage", Fixture("open_programme"), ADMIN),
    Row("programmes.manage", Fixture("pilot_application"), ADMIN),
    Row("programmes.manage", None, frozenset()),
    Row("programmes.work", None, ADMIN | {"bureau_user"}),
    Row("programmes.desk", None, ADMIN | {"bureau_user"}),
    Row("programmes.apply", Fixture("enterprise"), frozenset({"enterprise_user"})),
    Row("programmes.apply", Fixture("bureau"), frozenset()),
    Row("programmes.own", None, APPLICANTS),
    Row("programmes.view_application", Fixture("pilot_application"), ADMIN | {"enterprise_user"}),
    Row("programmes.edit_application", Fixture("pilot_application"), frozenset({"enterprise_user"})),
    Row("programmes.score", Fixture("midterm_evaluation"), frozenset()),
    Row("programmes.view_evaluation", Fixture("midterm_evaluation"), ADMIN),
]
ROWS.append(Row("programmes.link_evidence", Fixture("approved_pilot"), ADMIN | {"enterprise_user"}))
