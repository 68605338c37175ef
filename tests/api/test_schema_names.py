"""One name, one schema in the OpenAPI document.

ninja files every model an operation uses (its input and response models and the models and enums nested in them)
under `components/schemas/<class name>`, one operation after another, and a later class of the same name silently
replaces an earlier one: an operation then documents another app's fields (/api/v1/search/ once described the
declarations' search, `count` and `count_capped`, and schemathesis failed on real answers). These tests walk every
operation of the mounted API, whichever app adds it, so a new router is checked as soon as it is mounted.
"""

import enum
import json
import typing
from collections import defaultdict

from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import BaseModel, TypeAdapter

from biaozhun.api.urls import api


def _operations():
    """(method path, operation) for every documented operation, as ninja's OpenAPI generator walks them."""
    for bound_router in api._get_bound_routers():
        for path, path_view in bound_router.path_operations.items():
            for operation in path_view.operations:
                if operation.include_in_schema:
                    yield f"{'/'.join(operation.methods)} {bound_router.prefix}{path}", operation


def _nested(annotation, found: set) -> None:
    """The models and enums an annotation holds (list[X], X | None, dict[str, list[X]], a model's fields …)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in found:
            found.add(annotation)
            for field in annotation.model_fields.values():
                _nested(field.annotation, found)
    elif isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.add(annotation)
    else:
        for argument in typing.get_args(annotation):
            _nested(argument, found)


def _component_name(cls) -> str:
    """The key pydantic (and so ninja) files the class under when it generates a schema that refers to it."""
    schema = TypeAdapter(list[cls]).json_schema(ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema)
    return schema["items"]["$ref"].removeprefix(REF_TEMPLATE.format(model=""))


def _wrappers(operation):
    """The models ninja builds around an operation's parameters, body and responses: they are inlined, not
    components, but their fields are the project's schemas."""
    yield from operation.models
    yield from (model for model in operation.response_models.values() if isinstance(model, type))


def test_every_component_name_belongs_to_one_class():
    users = defaultdict(lambda: defaultdict(set))  # component name -> class -> operations that use it
    for name, operation in _operations():
        classes = set()
        for wrapper in _wrappers(operation):
            for field in wrapper.model_fields.values():
                _nested(field.annotation, classes)
        for cls in classes:
            users[_component_name(cls)][cls].add(name)

    assert len(users) > 50, "the walk found too few schemas: did ninja change how it keeps operations?"
    clashes = {
        component: {f"{cls.__module__}.{cls.__qualname__}": sorted(ops)[:2] for cls, ops in classes.items()}
        for component, classes in users.items()
        if len(classes) > 1
    }
    assert clashes == {}, (
        "classes of one name overwrite each other in components/schemas; name them with their app's word "
        "(e.g. DeclarationSearchOut):\n" + json.dumps(clashes, indent=1, ensure_ascii=False)
    )


class _RecordingSchema(OpenAPISchema):
    """ninja's own generator, noting every definition it files under a name before a later one can replace it."""

    def __init__(self, *args, **kwargs):
        self.filed = defaultdict(set)
        super().__init__(*args, **kwargs)

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            self.filed[name].add(json.dumps(definition, sort_keys=True, ensure_ascii=False))
        super().add_schema_definitions(definitions)


def test_every_component_name_is_filed_with_one_schema():
    """Also a class used both as input and as output must be documented the same both ways."""
    document = _RecordingSchema(api, "api/v1/")
    assert document["components"]["schemas"]
    differing = {name: sorted(schemas) for name, schemas in document.filed.items() if len(schemas) > 1}
    assert differing == {}


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].removeprefix(REF_TEMPLATE.format(model=""))]
    return schema


def test_the_search_documents_its_own_answer(client):
    document = client.get("/api/v1/openapi.json").json()
    answer = document["paths"]["/api/v1/search/"]["get"]["responses"]["200"]["content"]["application/json"]
    properties = _resolve(document, answer["schema"])["properties"]
    assert {"total", "hits", "facets"} <= properties.keys()
    assert "count_capped" not in properties
    hit = _resolve(document, properties["hits"]["items"])
    assert {"identifier", "title_zh", "highlight_zh"} <= hit["properties"].keys()

    declarations = document["paths"]["/api/v1/declarations/"]["get"]["responses"]["200"]["content"]
    assert {"count", "count_capped", "items"} <= _resolve(document, declarations["application/json"]["schema"])[
        "properties"].keys()
