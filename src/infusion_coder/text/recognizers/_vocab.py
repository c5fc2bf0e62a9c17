"""Word lists for the rule-based name recognizer.

``FIRST_NAMES`` and ``SURNAMES`` are common US given names and surnames written from general
knowledge (no data set copied); they only *support* a capitalised pair, they are not required.
``NOT_NAMES`` are capitalised words of clinical notes that must never be taken for a name.
"""

from __future__ import annotations

FIRST_NAMES = frozenset(
    """
    James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel
    Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy
    Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott
    Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron
    Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian Keith
    Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse Jordan Bryan Billy Joe
    Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell
    Bobby Mason Philip Louis Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah
    Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda
    Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley
    Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet
    Catherine Maria Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina
    Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison
    Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle
    Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Rosa Ana
    Luis Carlos Miguel Jorge Pedro Manuel Ramon Sofia Lucia Carmen Elena Guadalupe Priya Raj Anil
    Wei Mei Hiroshi Yuki Aisha Fatima Omar Ahmed Mohammed Ali Hassan Chen Ling Kwame Ngozi Tomas
    Dmitri Olga Ivan Svetlana Giovanni Francesca Pierre Claire Hans Ingrid Sven Astrid Lars Erik
    Agnes Edith Gertrude Mildred Florence Ethel Harriet Irene Lillian Marjorie Mabel Nellie Opal
    Clarence Earl Herbert Howard Leonard Lloyd Melvin Norman Stanley Vernon Wilbur Eleanor Beatrice
    Ken Tina Becky Bob Bill Jim Tom Tim Mike Dave Steve Rick Dan Greg Jeff Chris Matt Nick Tony
    Jenny Kathy Cathy Sue Pat Peggy Barb Deb Liz Beth Kate Katie Meg Jill Joanne Gail Dawn Tammy
    Tracy Stacy Wendy Holly Heidi Erin Kristen Kristin Molly Paige Chloe Zoe Ella Ava Mia Lily Leah
    Nora Ruby Hazel Violet Stella Lucy Mila Aria Layla Riley Hailey Brianna Jasmine Destiny Diamond
    Tyrone Darnell Jamal Malik DeShawn Andre Marcus Terrence Reginald Cedric Dwayne Lamar Latoya
    Keisha Shanice Tanisha Ebony Jada Imani Aaliyah Nia Kiara Yolanda Maurice Rodney Clifford
    Hector Rafael Alejandro Fernando Javier Sergio Ricardo Eduardo Diego Mateo Santiago Alberto
    Rosa Ana Sofia Camila Valeria Gabriela Daniela Isabel Adriana Veronica Leticia Beatriz Marisol
    Nguyen Minh Anh Thanh Huong Linh Duc Hoa Jin Hyun Seo Min Ji Yuna Kenji Takeshi Akira Sakura
    Arjun Rahul Vikram Sanjay Deepak Ravi Sunita Lakshmi Kavya Ananya Divya Pooja Neha Fatma Layla
    Yusuf Ibrahim Mustafa Khalid Tariq Samir Nadia Leila Yasmin Zainab Amina Chinwe Emeka Tunde
    """.split()
)

SURNAMES = frozenset(
    """
    Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
    Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
    Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
    Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
    Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers
    Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson
    Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo
    Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman
    Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander
    Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis
    Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald
    Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford
    Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes
    Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt
    Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley
    Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott
    Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry
    Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval
    OBrien O'Brien O'Connor O'Neill McCarthy MacDonald Nakamura Tanaka Suzuki Yamamoto Wang Li
    Zhang Liu Singh Kumar Shah Gupta Khan Ahmed Ali Hussain Okafor Mensah Kowalski Nowak Novak
    Ivanov Petrov Schneider Fischer Weber Becker Muller Rossi Russo Ferrari Esposito Dubois
    """.split()
)

#: capitalised words that appear in clinical notes and are never (part of) a person's name here
NOT_NAMES = frozenset(
    """
    Patient Pt Port Portacath PICC Line Central Peripheral IV Infusion Infusions Injection Push
    Chemo Chemotherapy Oncology Hematology Clinic Center Centre Hospital Medical Cancer Institute
    Nurse Nursing Pharmacy Pharmacist Physician Provider Attending Resident Fellow Doctor Dr
    Normal Saline Dextrose Heparin Flush Lock Premedication Premeds Hydration Drug Drugs Dose
    Left Right Arm Chest Hand Forearm Site Access Accessed Deaccessed Needle Huber Gauge Blood
    Return Vital Vitals Signs BP HR RR Temp SpO2 Pain Score Allergies Allergy None Known NKDA
    Diagnosis Dx History Plan Assessment Subjective Objective Orders Order Note Notes Progress
    Discharge Summary Admission Admit Date Time Start Stop End Rate Volume Total Cycle Day Week
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec Today Yesterday Tomorrow Morning Evening Night The A An And Or Of In On At To For
    With Without Per Via By From No Yes Not Is Was Were Be Been Has Had Have He She They His Her
    Their Tolerated Well Stable Alert Oriented Ambulatory Follow Followup Return Call Calls Phone
    Fax Email Address City State Zip Name Names Signed Signature Electronically Verified Reviewed
    Cosigned Witness Interpreter Spanish English Mandarin Insurance Medicare Medicaid Member
    Policy Group Account MRN DOB SSN NPI DEA ID Room Chair Bay Unit Floor Suite Building Lab Labs
    CBC CMP BMP WBC ANC Hgb Plt Creatinine Results Result Pending Ordered Given Administered
    Started Completed Held Hold Continue Continued Monitor Monitored Observed Observation Reaction
    Reactions Hypersensitivity Premedicated Zofran Ondansetron Decadron Dexamethasone Benadryl
    Diphenhydramine Tylenol Acetaminophen Pepcid Famotidine Emend Aloxi Neulasta Neupogen Keytruda
    Opdivo Herceptin Avastin Rituxan Remicade Taxol Cisplatin Carboplatin Paclitaxel Docetaxel
    Oxaliplatin Gemcitabine Pembrolizumab Nivolumab Trastuzumab Bevacizumab Rituximab Infliximab
    Cyclophosphamide Doxorubicin Fluorouracil Leucovorin Irinotecan Etoposide Zoledronic Acid
    Iron Sucrose Venofer Feraheme Ocrevus Tysabri Entyvio Vedolizumab Ocrelizumab Natalizumab IVIG
    Immune Globulin Albumin Magnesium Potassium Sulfate Chloride Sodium Bicarbonate Calcium
    Medication Medications Meds Home Reconciliation Instructions Education Teaching Consent
    Emergency Contact Family Mother Father Daughter Son Wife Husband Spouse Sister Brother Friend
    Caregiver Guardian Relationship Primary Secondary Care Team Social Work Worker Case Manager
    Oncologist Radiation Surgery Surgical Surgeon Breast Lung Colon Prostate Lymphoma Leukemia
    Myeloma Carcinoma Stage Metastatic Disease Chronic Kidney Failure Heart Diabetes Type Mellitus
    Hypertension Anemia Neutropenia Crohn Crohns Ulcerative Colitis Rheumatoid Arthritis Multiple
    Sclerosis Psoriasis Lupus Dehydration Nausea Vomiting Fever Dr. Mr Mrs Ms Miss Mx RN MD DO NP
    PA PharmD CPT HCPCS ICD CMS Code Codes Units Unit Billing Charge Charges Claim Visit Encounter
    Department Dept Service Services Location Facility Outpatient Inpatient Hospice Health System
    General Memorial Regional University Saint St Mount Valley County Community Associates Group
    Medical Ctr Family Practice Internal Medicine Report Reports Pathology Radiology Imaging CT
    MRI PET Scan Ultrasound Echo EKG ECG Xray Chest Abdomen Pelvis Head Neck Brain Bone Liver
    Kidney Renal Cardiac Pulmonary Hepatic Port-a-cath Mediport PowerPort Implanted Tunneled Groshong
    Hickman Lumen Double Single Triple Dressing Changed Biopatch Tegaderm Chlorhexidine Alcohol
    """.split()
)

#: personal titles that introduce a name
TITLES = ("Dr", "Mr", "Mrs", "Ms", "Miss", "Mx", "Prof", "Sr", "Rev")

#: credentials written after a clinician's name
CREDENTIALS = (
    "MD",
    "DO",
    "RN",
    "BSN",
    "MSN",
    "NP",
    "FNP",
    "FNP-C",
    "ANP",
    "APRN",
    "AOCNP",
    "PA-C",
    "PA",
    "PharmD",
    "RPh",
    "BCOP",
    "CRNI",
    "OCN",
    "LPN",
    "LVN",
    "DNP",
    "PhD",
    "CNS",
    "MBBS",
    "FACP",
    "CNA",
    "MA",
    "CMA",
    "LCSW",
    "MSW",
)
