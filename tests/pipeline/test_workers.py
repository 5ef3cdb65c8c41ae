"""Two parser processes give exactly the output of one."""
from dyadline.pipeline import Pipeline
from dyadline.read import read_text

TEXTS = [
    ("a.txt", "Chile and Peru signed a treaty in 1929. Two years later Chile threatened Bolivia.", "en"),
    ("b.txt", "Le Chili a rejoint l'ONU en 1945. La Bolivie a rompu ses relations avec le Chili en 1962.", "fr"),
    ("c.txt", "Egypt and Israel signed a peace treaty in March 1979. Egypt joined the Arab League in 1945.", "en"),
    ("d.txt", "In 1978 Cuba aided Ethiopia against Somalia. Relations between Egypt and Israel became cold in 1982.", "en"),
]


def run(pipe, n_process):
    docs = [read_text(t, doc_id=i, lang=lang) for i, t, lang in TEXTS]
    out = list(pipe.process(docs, batch_size=2, n_process=n_process))
    return ([d.id for d in out], [e.to_dict() for d in out for e in d.events],
            [f.to_dict() for d in out for f in d.facts])


def test_two_workers_give_the_same_output_as_one(pipeline):
    one = run(pipeline, 1)
    two = run(Pipeline(kb=pipeline.kb, parsers=pipeline.parsers), 2)
    assert one == two
    assert one[1], "the texts have events"
