from tests.fixtures.policy import SIGNED_IN, Row

ROWS = [
    Row("feedback.submit", None, SIGNED_IN),
]
