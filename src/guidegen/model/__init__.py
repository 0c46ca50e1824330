"""The model: the Guide every edition renders, and the views of it that several editions share."""
