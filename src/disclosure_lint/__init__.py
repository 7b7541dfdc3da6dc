"""disclosure-lint: a linter for 政府信息公开工作年度报告 (government information disclosure annual reports).

The pipeline, one package module per stage:
read (bytes -> Document) -> tokens (Document -> Lark tokens) -> grammar (Lark parse) ->
build (parse trees -> Report model) -> rules (Report -> findings) -> output.
"""

__version__ = "0.1.0"
