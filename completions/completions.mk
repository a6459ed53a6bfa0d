## completions/: bash and zsh completion, installed where the shells look.
bashcompletiondir = $(datadir)/bash-completion/completions
dist_bashcompletion_DATA = completions/sockdoc
zshcompletiondir = $(datadir)/zsh/site-functions
dist_zshcompletion_DATA = completions/_sockdoc
