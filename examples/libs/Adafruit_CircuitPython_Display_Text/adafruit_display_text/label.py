"""Label: a line of text."""


class Label:
    def __init__(self, font, text=""):
        self.font = font
        self.text = text
