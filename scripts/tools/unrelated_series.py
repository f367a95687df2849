"""Write interviews on subjects far from telecom: `python -m scripts.tools.unrelated_series N OUT [--seed S]`.

A yardstick for `topic_precision`: N interviews of 20 exchanges each, every
one on a single subject (gardening, cooking, football, medicine, history,
music, a start-up, a museum), in plain sentences written for this tool. The
sentences use on purpose the everyday words that telecom evidence terms are
made of: a company's culture and organization, a product's adoption, a
community, fees and subscriptions, a driver's licence, the architecture of a
building, shipping containers, a striker's attack, corn kernels, seed packets.
The shipped taxonomy should file none of it. The same arguments always give
the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from scripts.tools.synthetic import ROOT

SUBJECTS: dict[str, tuple[list[str], list[str]]] = {
    "gardening": (
        [
            "How did you start your allotment?",
            "What do you grow in a dry summer?",
            "How do you deal with slugs?",
            "Which seeds would you tell a beginner to buy?",
            "What does the garden community give you?",
        ],
        [
            "I sow the beans in April, straight from the packets, and cover them with fleece.",
            "The soil here is heavy clay, so every autumn I dig in a barrow of compost.",
            "Tomatoes need feeding once a week as soon as the first truss sets.",
            "Our allotment society charges a small fee each year, and the waiting list is long.",
            "The community around the allotments shares tools, seedlings and advice.",
            "The culture of swapping seeds goes back generations in this village.",
            "Slugs come out after rain, so I go round with a torch at night.",
            "Sweetcorn kernels should squirt milky juice when you press them with a nail.",
            "I keep the greenhouse vents open on hot days or the plants scorch.",
            "Adoption of no-dig beds has spread quickly among the younger growers.",
            "Rhubarb likes a cold winter and a rich mulch in spring.",
            "We organised the plots so that the paths drain towards the pond.",
        ],
    ),
    "cooking": (
        [
            "What was the first dish you learned?",
            "How do you plan a menu?",
            "What is hard about running a kitchen?",
            "Where do you buy your fish?",
            "How did your restaurant survive the first year?",
        ],
        [
            "My grandmother taught me to make bread by feel rather than by weighing.",
            "The stock simmers for eight hours with roasted bones and onions.",
            "We sell out of the lamb shoulder most Saturday nights.",
            "A kitchen has its own culture: the head chef sets the tone for everyone.",
            "The organization of the line matters more than any single recipe.",
            "I buy fish at the harbour market at six in the morning, straight from the boats.",
            "Salt the aubergine, leave it an hour, and it soaks up far less oil.",
            "Our products are simple: bread, butter, soup and one good stew.",
            "We charge a fair price and keep the menu short so nothing goes to waste.",
            "The subscription box of vegetables from the farm decides what we cook each week.",
            "Caramel goes from golden to burnt in a few seconds, so never walk away.",
            "We transitioned from a café to a proper restaurant over three winters.",
        ],
    ),
    "football": (
        [
            "How did you become a coach?",
            "What makes a good captain?",
            "How do you train young players?",
            "What went wrong in the cup final?",
            "How has the club changed?",
        ],
        [
            "We pressed high and the attack came from the full-backs overlapping.",
            "The striker scored twice from corners in the first half.",
            "A club's culture shows in how the players treat the kit staff.",
            "The organization of the back four fell apart after the red card.",
            "Young players need to touch the ball thousands of times a week.",
            "The supporters' community raised money for the new stand.",
            "Season ticket fees went up and the fans protested outside the ground.",
            "Our goalkeeper saved a penalty in the last minute of extra time.",
            "The transition from youth football to the first team is brutal.",
            "We integrated three new signings before the season started.",
            "The manager wants a mindset where nobody gives up a lost ball.",
            "The pitch was heavy after a week of rain and the passing suffered.",
        ],
    ),
    "medicine": (
        [
            "Why did you choose general practice?",
            "What has changed on the ward?",
            "How do you break bad news?",
            "What do patients misunderstand about antibiotics?",
            "How do you look after yourself?",
        ],
        [
            "Most of my patients come in with back pain, coughs or worries about their children.",
            "Antibiotics do nothing against a virus, and every course breeds resistance.",
            "The culture on a night shift is different: fewer people, quicker decisions.",
            "The hospital reorganized the wards and the nurses were the last to hear.",
            "I renewed my medical licence last spring after the usual paperwork.",
            "Adoption of the new records system took two years and a lot of complaints.",
            "Blood pressure should be measured twice, a few minutes apart.",
            "The pharmacy charges for prescriptions, but children and pensioners pay nothing.",
            "A good consultation starts with listening for the first two minutes.",
            "We see more people with diabetes every year in this practice.",
            "The community nurses visit the housebound every morning.",
            "I walk to the surgery and back to clear my head.",
        ],
    ),
    "history": (
        [
            "What drew you to the medieval town?",
            "How do you read an old charter?",
            "What did the guilds do?",
            "Why did the harbour decline?",
            "What surprised you in the archive?",
        ],
        [
            "The guilds controlled who could sell cloth in the market square.",
            "The cathedral's architecture mixes a Romanesque nave with a Gothic choir.",
            "The town charter of 1241 lists every fee a merchant paid at the gate.",
            "Refugees arrived stateless after the war and settled by the river.",
            "The harbour silted up and the ships moved to the deeper estuary.",
            "Parish registers record baptisms, marriages and burials for four centuries.",
            "The organization of the militia depended on each street providing men.",
            "Merchants stored wine in wooden containers in the cellars below the hall.",
            "The printing press changed how quickly news travelled between towns.",
            "The adoption of the new calendar caused riots in some provinces.",
            "Plague came in the summer of 1348 and a third of the town died.",
            "Letters between the bishop and the king survive in the archive.",
        ],
    ),
    "music": (
        [
            "How did you learn the violin?",
            "What is touring like?",
            "How do you write a song?",
            "How do musicians earn a living now?",
            "What does the audience give you?",
        ],
        [
            "I practised scales for an hour every morning before school.",
            "The band toured forty cities in two months on a rented bus.",
            "Streaming pays a fraction of a cent a play, so we sell vinyl at every gig.",
            "A song usually starts with a chord progression I hum in the car.",
            "The orchestra has a culture of rehearsing until the conductor is satisfied.",
            "We license our songs to films and adverts, and that pays the rent.",
            "The folk community here keeps a session going every Thursday in the pub.",
            "Our fans pay a monthly subscription for early tracks and rehearsal videos.",
            "The cello was built in 1780 and still has its original scroll.",
            "Recording live to tape makes you commit to a performance.",
            "The transition from club gigs to theatres took us five years.",
            "The drummer sets the tempo and everybody else follows.",
        ],
    ),
    "startup": (
        [
            "How did you found the bakery chain?",
            "What is the culture like at your company?",
            "How did you raise money?",
            "How do you hire?",
            "What would you do differently?",
        ],
        [
            "We started with one oven and a market stall, and sold out every weekend.",
            "Our culture is simple: be kind to customers and honest with each other.",
            "As the organization grew we needed managers, which nobody had planned for.",
            "Customers adopted the loyalty card faster than we expected.",
            "We sell bread, pastries and coffee, and the coffee pays the bills.",
            "The investors charged a high price for their money, but we needed the shop.",
            "Our products are baked overnight and delivered by seven.",
            "The transition from founder to chief executive was the hardest part.",
            "We built a community of regulars who tell us when a loaf is not right.",
            "Franchise fees would have grown us faster, but we wanted to own every shop.",
            "Our mindset is to fix a problem the same day it is reported.",
            "We integrated the second bakery's staff by having them work a month with us.",
        ],
    ),
    "museum": (
        [
            "How do you choose an exhibition?",
            "Who visits the museum?",
            "How do you look after the collection?",
            "How is the museum paid for?",
            "What object do you love most?",
        ],
        [
            "The new wing's architecture lets daylight in without harming the paintings.",
            "Schools visit every weekday morning, and families come at the weekend.",
            "Entry is free, but the special exhibitions charge a fee.",
            "Members pay an annual subscription and get early access to every show.",
            "Textiles are kept in the dark at a steady humidity.",
            "The museum's culture changed when the new director opened the stores to the public.",
            "We reorganised the galleries by theme instead of by date.",
            "A local community group restored the steam engine over ten years.",
            "The collection grew through gifts from families in the town.",
            "My favourite object is a child's shoe found under a floorboard.",
            "We lent the tapestry to a museum abroad and it travelled in a sealed crate.",
            "Visitors spend on average two minutes in front of a painting.",
        ],
    ),
}
EXCHANGES = 20


def interview(rng: random.Random, number: int) -> tuple[str, str, str]:
    """(slug, transcript, metadata) of interview `number`, on one subject."""
    subject = sorted(SUBJECTS)[number % len(SUBJECTS)]
    questions, sentences = SUBJECTS[subject]
    lines = []
    for _ in range(EXCHANGES):
        lines.append(f"Host: {rng.choice(questions)}")
        answer = rng.sample(sentences, rng.randint(3, 8))
        lines.append("Guest: " + " ".join(answer))
    slug = f"{subject}-{number:04d}"
    meta = "\n".join(
        [
            f'title: "On {subject}, {number}"',
            f"date: {2000 + number % 25}",
            f"source: https://example.com/{slug}",
            "interviewer: Host",
            "speakers:",
            "  Host: {name: The Host}",
            f"  Guest: {{name: Guest {number}}}",
        ]
    )
    return slug, "\n\n".join(lines) + "\n", meta + "\n"


def write_series(count: int, out: Path, seed: int = 1) -> Path:
    """Replace `out` with `count` interviews and a copy of seeds/topics.yml."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / "topics.yml", out / "topics.yml")
    rng = random.Random(seed)
    for number in range(1, count + 1):
        slug, transcript, meta = interview(rng, number)
        (out / f"{slug}.txt").write_text(transcript, encoding="utf-8")
        (out / f"{slug}.yml").write_text(meta, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.unrelated_series", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("count", type=int, help="interviews")
    parser.add_argument("out", type=Path, help="folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_series(args.count, args.out, args.seed)
    print(f"wrote {args.count} interviews to {args.out}")


if __name__ == "__main__":
    main()
