"""The syntax toolkit every fact kind uses: one implementation of each idea about Russian
sentences, over our own ``Token`` records (natasha's trees converted in ``kg.nlp``).

- ``tree``: heads, children, subtrees, the predicate above a word, prepositions;
- ``agreement``: whether two words agree in number, gender and case;
- ``clauses``: clause boundaries and embedded (relative, participle) clauses;
- ``modality``: negation, hypotheticals, plans and the future that make a reading no fact;
- ``coordination``: lists of names ("A, B и C", "в том числе", after a colon or dash);
- ``anaphora``: "организация", "страна", "он", "который" -> what they stand for;
- ``dating``: which date an event or document gets, at its precision.

Functions take a tuple of tokens (a sentence) and token indices; what they compute from
the tuple alone is memoized with it (``kg.phrases.sequence_memo``).
"""
