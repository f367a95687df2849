"""Read and check `entities.yml`: people, organizations and products, merged with the speakers named in interview metadata."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_kb.errors import SeedError
from interview_kb.reading import slugs, spellings
from interview_kb.reading.loader import Interview
from interview_kb.reading.schemas import EntitiesFile, validate
from interview_kb.reading.yamlfile import ReadYaml, read

ENTITIES_FILE = "entities.yml"
# kind → (folder of its pages, heading of its section)
KINDS = {"person": ("people", "People"), "organization": ("organizations", "Organizations"), "product": ("products", "Products")}


MIN_LABEL = 3


@dataclass(frozen=True)
class Role:
    """One interview a person speaks in."""

    interview: str
    label: str
    role: str
    organization: str


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    about: str
    link: str
    forms: tuple[str, ...]  # spellings that count as a mention anywhere, `name` first
    roles: tuple[Role, ...] = ()  # for speakers: where they speak

    @property
    def slug(self) -> str:
        return slugs.slug(self.name, "entity")

    @property
    def path(self) -> str:
        return f"{KINDS[self.kind][0]}/{self.slug}.md"

    def forms_in(self, interview: str) -> tuple[str, ...]:
        """Spellings that name this entity in one interview: also the speaker's label there ("Martin").

        Labels shorter than three characters ("Q", "A", "I") are not names: they would link ordinary words.
        """
        labels = tuple(
            r.label
            for r in self.roles
            if r.interview == interview and r.label not in self.forms and spellings.usable(r.label) and len(r.label) >= MIN_LABEL
        )
        return self.forms + labels


def _entries(path: Path | None, read_yaml: ReadYaml) -> list[tuple[Entity, int]]:
    if path is None or not path.exists():
        return []
    source = read_yaml(path)
    found: list[tuple[Entity, int]] = []
    for index, entry in enumerate(validate(source, EntitiesFile).entities):
        forms = (entry.name, *entry.also)
        for form in forms:
            if not spellings.usable(form):
                raise source.error(("entities", index), f"'{form}' does not start and end with a letter or digit", "drop the punctuation")
        found.append((Entity(entry.name, entry.kind, entry.about, entry.link, forms), source.line("entities", index)))
    return found


def declared(speaker: Entity, metadata: dict[str, Path], read_yaml: ReadYaml = read) -> tuple[Path, int]:
    """The metadata file and line where a speaker is first declared (the entities file when unknown)."""
    role = speaker.roles[0] if speaker.roles else None
    if role is None or role.interview not in metadata:
        return Path(ENTITIES_FILE), 1
    source = metadata[role.interview]
    return source, read_yaml(source).line("speakers", role.label, "name")


def from_speakers(interviews: tuple[Interview, ...]) -> tuple[Entity, ...]:
    """Only the people who speak in the interviews."""
    return load(None, interviews)


def load(
    path: Path | None, interviews: tuple[Interview, ...], metadata: dict[str, Path] | None = None, read_yaml: ReadYaml = read
) -> tuple[Entity, ...]:
    """Entities from `path` (optional file) merged with every interview's speakers, sorted by name.

    A person listed in the file with a speaker's exact name is that speaker: the
    file adds the description, link and other spellings. `metadata` (interview
    slug → its .yml file) lets a mistake about an unlisted speaker name the line
    where the speaker is declared (read only for such a mistake).
    """
    listed = _entries(path, read_yaml)
    where = path or Path(ENTITIES_FILE)
    roles: dict[str, list[Role]] = {}
    for interview in interviews:
        for speaker in interview.participants:  # an announcer is not a person of the knowledge base
            roles.setdefault(speaker.name, []).append(Role(interview.slug, speaker.label, speaker.role, speaker.organization))
    entities: dict[str, Entity] = {}
    lines: dict[str, int] = {}
    for entity, line in listed:
        if entity.name in entities:
            raise SeedError(where, line, f"'{entity.name}' is already listed on line {lines[entity.name]}", "merge the two entries")
        if entity.name in roles and entity.kind != "person":
            raise SeedError(where, line, f"'{entity.name}' is a speaker in an interview, so its kind is person", "write `kind: person`")
        entities[entity.name] = Entity(entity.name, entity.kind, entity.about, entity.link, entity.forms, tuple(roles.get(entity.name, ())))
        lines[entity.name] = line
    for name, person_roles in roles.items():
        if name not in entities and spellings.usable(name):
            entities[name] = Entity(name, "person", "", "", (name,), tuple(person_roles))
    owner: dict[str, str] = {}
    slugs: dict[str, str] = {}

    def place(entity: Entity) -> tuple[Path, int]:
        """The entity's line in the file, or where its speaker is declared (that metadata is read only for a mistake)."""
        return (where, lines[entity.name]) if entity.name in lines else declared(entity, metadata or {}, read_yaml)

    for entity in entities.values():
        for form in entity.forms:
            if form in owner:
                raise SeedError(
                    *place(entity), what=f"'{form}' names both '{owner[form]}' and '{entity.name}'", todo="keep it under one entry"
                )
            owner[form] = entity.name
        if entity.slug == "index":
            raise SeedError(*place(entity), what=f"'{entity.name}' would take the section's index page", todo="rename it (e.g. add a word)")
        if entity.path in slugs:
            raise SeedError(
                *place(entity), what=f"'{entity.name}' and '{slugs[entity.path]}' would share the page {entity.path}", todo="rename one"
            )
        slugs[entity.path] = entity.name
    return tuple(sorted(entities.values(), key=lambda e: (e.name.casefold(), e.name)))
