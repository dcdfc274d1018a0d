;;; probe.el --- Emacs + eglot probe for the nova-conf language server  -*- lexical-binding: t -*-
;; Batch Emacs: defines a tiny nova-conf-mode, registers the server with eglot the way docs/editors.md
;; says (eglot 1.9 takes a list of major modes), and waits for flymake diagnostics. Results go to $NOVA_OUT, one "ok|fail NAME detail" a line.
;; Run: NOVA_SERVER=dist/server.js NOVA_FILE=nova.conf NOVA_OUT=out.txt emacs --batch -Q -l probe.el
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path dir))
(require 'eglot)
(require 'flymake)

(defvar probe-lines nil)
(defun probe-report (name ok detail)
  (push (format "%s %s %s" (if ok "ok" "fail") name (replace-regexp-in-string "\n" " " (format "%s" detail))) probe-lines))

(define-derived-mode nova-conf-mode prog-mode "nova-conf"
  "Major mode for OpenStack Nova's nova.conf (only what eglot needs)."
  (setq-local comment-start "# "))
(add-to-list 'auto-mode-alist '("nova\\.conf\\'" . nova-conf-mode))
(add-to-list 'eglot-server-programs
             `((nova-conf-mode) . ("node" ,(getenv "NOVA_SERVER") "--stdio")))

(defun probe-diags-with (text)
  (seq-filter (lambda (d) (string-match-p (regexp-quote text) (flymake-diagnostic-text d)))
              (flymake-diagnostics)))

;; The probe's folder is its own project, even when it sits inside a git checkout.
(add-hook 'project-find-functions
          (lambda (_dir) (cons 'transient (file-name-directory (expand-file-name (getenv "NOVA_FILE"))))))

(condition-case err
    (progn
      (find-file (getenv "NOVA_FILE"))
      (unless (eq major-mode 'nova-conf-mode) (nova-conf-mode))
      (let* ((project (project-current))
             (contact (cdr (assoc '(nova-conf-mode) eglot-server-programs))))
        (eglot '(nova-conf-mode) project 'eglot-lsp-server contact "nova-conf"))
      (probe-report "eglot-connected" (eglot-current-server) (and (eglot-current-server) (eglot--project-nickname (eglot-current-server))))
      ;; flymake's timers do not fire in batch mode: start it by hand while waiting.
      (let ((deadline (+ (float-time) 15)))
        (while (and (< (float-time) deadline)
                    (not (and (probe-diags-with "not a hexadecimal") (probe-diags-with "device_type must be one of"))))
          (flymake-start)
          (accept-process-output nil 0.1)))
      (let ((spec (car (probe-diags-with "not a hexadecimal")))
            (alias (car (probe-diags-with "device_type must be one of"))))
        (probe-report "diagnostic-device-spec"
                      (and spec (eq (flymake-diagnostic-type spec) 'eglot-error)
                           (= (line-number-at-pos (flymake-diagnostic-beg spec))
                              (save-excursion (goto-char (point-min)) (search-forward "device_spec = {\"vendor_id\": \"80g6\"") (line-number-at-pos))))
                      (if spec (format "line %d %s" (line-number-at-pos (flymake-diagnostic-beg spec)) (flymake-diagnostic-text spec))
                        (format "none in 15 s; %d diagnostics" (length (flymake-diagnostics)))))
        (probe-report "diagnostic-alias"
                      (and alias (eq (flymake-diagnostic-type alias) 'eglot-error))
                      (if alias (flymake-diagnostic-text alias) "none")))
      (ignore-errors (eglot-shutdown (eglot-current-server))))
  (error (probe-report "probe" nil (error-message-string err))))

(push (format "emacs %s eglot %s" emacs-version
              (or (ignore-errors (package-desc-version (cadr (assq 'eglot package-alist)))) "1.x"))
      probe-lines)
(with-temp-file (getenv "NOVA_OUT")
  (insert (mapconcat #'identity (reverse probe-lines) "\n") "\n"))
(kill-emacs 0)
