"""Counterfactual copies of toxicity rows with one group named instead of another.

The toxicity sets name some groups almost only in abuse (Jews, atheists, Shia), others mostly in neutral
news, so the head learns the name itself. A copy of each training row that names a group, with every group
name swapped for another group's, and the same label, gives every group the same mix of abusive and ordinary
contexts: counterfactual data augmentation (Garg et al. 2019, "Counterfactual Fairness in Text
Classification"; Dixon et al. 2018 balanced the same bias with added data). The copies weigh less than real
rows (``TrainConfig.source_weights``) and keep their origin for out-of-source evaluation.

Group names are matched on normalised tokens (``service.text.normalize``), with the clitics that attach to
them (و ف ب ك ل ...); "السنه" is left out, since it also means "the year".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from service.text import normalize

SOURCE = "augment_identity"
# Definite plural group names, normalised; the indefinite form is the name without "ال".
_GROUPS = [
    "اليهود",
    "المسيحيين",
    "المسيحيون",
    "النصاري",
    "المسلمين",
    "المسلمون",
    "الشيعه",
    "الدروز",
    "الاقباط",
    "الملحدين",
    "الملحدون",
    "الامازيغ",
    "الاكراد",
    "الصحراويين",
    "الافارقه",
    "المهاجرين",
    "اللاجئين",
    "السوريين",
    "الفلسطينيين",
    "المصريين",
    "المغاربه",
    "الجزائريين",
    "العراقيين",
    "السعوديين",
    "الاتراك",
    "الايرانيين",
    "النساء",
    "البدو",
    "العرب",
    "الاجانب",
]
_PREFIXES = ("", "و", "ف", "ب", "ك", "وب", "فب", "وك")


def _forms() -> dict[str, tuple[str, bool]]:
    """Token -> (group, definite) for every clitic form of every group name."""
    forms: dict[str, tuple[str, bool]] = {}
    for group in _GROUPS:
        bare = group.removeprefix("ال")
        for prefix in _PREFIXES:
            forms[prefix + group] = (group, True)
            forms[prefix + bare] = (group, False)
        forms["لل" + bare] = (group, True)  # ل + ال
        forms["ول" + "ل" + bare] = (group, True)
    return forms


_FORMS = _forms()


def _swap(token: str, other: str) -> str:
    group, definite = _FORMS[token]
    bare, other_bare = group.removeprefix("ال"), other.removeprefix("ال")
    if token.endswith("ل" + bare) and token.startswith(("لل", "ولل")) and definite:
        return token[: -len(bare)] + other_bare
    stem = group if definite else bare
    replacement = other if definite else other_bare
    return token[: len(token) - len(stem)] + replacement


def identity_frame(train: pd.DataFrame, seed: int) -> pd.DataFrame:
    """One counterfactual copy of every toxicity-labelled training row that names a group."""
    labelled = train[train["toxic"].notna()]
    rng = np.random.default_rng(seed)
    rows = []
    for row in labelled.itertuples(index=False):
        tokens = normalize(row.text).split()
        if not any(t in _FORMS for t in tokens):
            continue
        swapped = []
        for token in tokens:
            if token in _FORMS:
                others = [g for g in _GROUPS if g != _FORMS[token][0]]
                token = _swap(token, others[int(rng.integers(len(others)))])
            swapped.append(token)
        copy = {**row._asdict(), "text": " ".join(swapped), "origin": row.source, "source": SOURCE}
        copy["spam"] = np.nan  # a copy teaches the group names, not what spam looks like
        rows.append(copy)
    if not rows:
        return labelled.iloc[0:0].assign(source=SOURCE)
    return pd.DataFrame(rows).reset_index(drop=True)
