# `ecozone campaign` (docs/campaign.md): its help and bad campaign files as golden CLI tests; the
# Catch2 tests (tests/test_campaign_*.cpp) run the local path; campaign.slurm submits the same
# three-county campaign to a real single-node Slurm started by scripts/slurm_local.sh and compares
# the merged province with the --local run's (label slurm; needs bash scripts/setup.sh --tests).
if(COMMAND ecozone_cli_test)
  ecozone_cli_test(help.campaign 0 ARGS campaign --help STDOUT "示例")
  ecozone_cli_test(campaign.no_file 1 ARGS campaign plan no/such/campaign.toml --out x --lang en
    STDERR "no/such/campaign.toml: campaign file not found")
  ecozone_cli_test(campaign.no_plan 1 ARGS campaign status no/such/dir --lang en
    STDERR "no/such/dir/tasks.json: no task list; run ecozone campaign plan CAMPAIGN --out no/such/dir first")
endif()
if(TARGET ecozone-samplegen)
  add_test(NAME campaign.slurm
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/campaign/slurm_campaign.sh $<TARGET_FILE:ecozone>
      $<TARGET_FILE:ecozone-samplegen> ${PROJECT_SOURCE_DIR})
  set_tests_properties(campaign.slurm PROPERTIES LABELS slurm TIMEOUT 240)
endif()
# A 2x2-tiled audit as a campaign on the same kind of single-node Slurm: tile tasks, the join that
# waits for them, the merge; the register equals a single run's field by field (docs/audit.md).
if(TARGET ecozone-samplegen)
  add_test(NAME campaign.slurm_tiled_audit
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/campaign/slurm_tiled_audit.sh $<TARGET_FILE:ecozone> ${PROJECT_SOURCE_DIR})
  set_tests_properties(campaign.slurm_tiled_audit PROPERTIES LABELS slurm TIMEOUT 240)
endif()
