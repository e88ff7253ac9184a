"""The ontology's terms as a closed namespace: a misspelt term raises AttributeError.

Generated from ``ontology/kg.ttl``; ``tests/test_vocab.py`` checks that the two agree.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from kg.iri import ONTOLOGY_NS


class KGO(DefinedNamespace):
    _NS = Namespace(ONTOLOGY_NS)
    _fail = True

    Agreement: URIRef
    Chairmanship: URIRef
    City: URIRef
    Company: URIRef
    Cooperation: URIRef
    Event: URIRef
    Evidence: URIRef
    Fact: URIRef
    Founding: URIRef
    GovernmentBody: URIRef
    InternationalOrganization: URIRef
    Location: URIRef
    MediaOrganization: URIRef
    Meeting: URIRef
    Membership: URIRef
    NewsArticle: URIRef
    Organization: URIRef
    OrganizationBody: URIRef
    Participation: URIRef
    Person: URIRef
    Place: URIRef
    PoliticalParty: URIRef
    Role: URIRef
    State: URIRef
    Summit: URIRef
    Tenure: URIRef
    attended: URIRef
    chairs: URIRef
    cooperatesWith: URIRef
    country: URIRef
    date: URIRef
    end: URIRef
    event: URIRef
    evidence: URIRef
    extractor: URIRef
    extractorVersion: URIRef
    foundedOn: URIRef
    heldIn: URIRef
    holdsPostIn: URIRef
    iso2: URIRef
    kind: URIRef
    memberOf: URIRef
    observerOf: URIRef
    organization: URIRef
    organizedBy: URIRef
    participant: URIRef
    partner: URIRef
    party: URIRef
    partyTo: URIRef
    person: URIRef
    place: URIRef
    preparedBy: URIRef
    role: URIRef
    sentence: URIRef
    sha256: URIRef
    signatory: URIRef
    signed: URIRef
    since: URIRef
    sourcePath: URIRef
    start: URIRef
    state: URIRef
    status: URIRef
    subOrganizationOf: URIRef
    treaty: URIRef
    until: URIRef
    wikidata: URIRef
    year: URIRef
